from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Company
from jobboard.api.serializers import ModelSerializer, Serializer
from jobs.display import logo_url
from jobs.models import (
    Category,
    Education,
    EmploymentType,
    Experience,
    Job,
    JobOption,
    Location,
    SalaryMode,
    Skill,
)
from jobs.rules import (
    MAX_EXPERIENCE_YEARS,
    content_errors,
    deadline_errors,
    reopen_deadline_errors,
)
from jobs.selectors import DEADLINE_FILTERS, SORTS, JobFilters
from jobs.services import MAX_SKILLS

DEADLINE_TYPES = ("date", "rolling")


class NamedCodeSerializer(Serializer):
    code = serializers.SlugField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()


class CompanyRefSerializer(Serializer):
    id = serializers.IntegerField(source="company_id")
    name = serializers.CharField(source="company_name")
    logo = serializers.SerializerMethodField(
        help_text="Path of the company's 96 px logo (PNG), or null when it has none."
    )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_logo(self, job) -> str | None:
        return logo_url(job.company, 96)


class JobOptionSerializer(ModelSerializer):
    class Meta:
        model = JobOption
        fields = ["kind", "starts_at", "ends_at"]


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "required": ["title", "snippet", "skills"],
        "properties": {
            "title": {
                "type": "string",
                "description": "The title, HTML-escaped, matches in <mark>.",
            },
            "snippet": {
                "type": "string",
                "description": "About 160 characters of the description around the first "
                "match, HTML-escaped, matches in <mark>.",
            },
            "skills": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Codes of the job's skill tags whose name matched.",
            },
        },
    }
)
class HighlightsField(serializers.ReadOnlyField):
    """`{"title", "snippet", "skills"}` of a search result (jobs.search.highlight), or
    null."""


class JobListItemSerializer(ModelSerializer):
    company = CompanyRefSerializer(source="*")
    location = NamedCodeSerializer()
    category = NamedCodeSerializer()
    skills = NamedCodeSerializer(many=True)
    deadline_type = serializers.SerializerMethodField(
        help_text="`rolling` (상시채용, no deadline) or `date` (see `deadline`)."
    )
    is_premium = serializers.BooleanField(default=False)
    highlights = HighlightsField(
        default=None, help_text="What matched the search `q` (POL-S-001); null without `q`."
    )

    @extend_schema_field(serializers.ChoiceField(choices=DEADLINE_TYPES))
    def get_deadline_type(self, job) -> str:
        return "rolling" if job.deadline is None else "date"

    class Meta:
        model = Job
        fields = [
            "id",
            "title",
            "company",
            "location",
            "category",
            "employment_type",
            "remote",
            "salary_mode",
            "salary_min",
            "salary_max",
            "experience",
            "experience_min_years",
            "experience_max_years",
            "education",
            "skills",
            "deadline_type",
            "deadline",
            "published_at",
            "is_premium",
            "highlights",
        ]


class JobDetailSerializer(JobListItemSerializer):
    options = JobOptionSerializer(source="active_options", many=True)
    is_open = serializers.BooleanField()
    is_closed = serializers.BooleanField()
    # A job's own page is not a search result; None removes the inherited field (DRF).
    highlights = None  # type: ignore[assignment]

    class Meta(JobListItemSerializer.Meta):
        fields = [
            *(f for f in JobListItemSerializer.Meta.fields if f != "highlights"),
            "description",
            "status",
            "is_open",
            "is_closed",
            "options",
            "created_at",
            "updated_at",
            "closed_at",
        ]


_DATETIME = serializers.DateTimeField()
_DATE = serializers.DateField()


def _when(value, field: serializers.Field = _DATETIME):
    return None if value is None else field.to_representation(value)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _number(value) -> int | None:
    return None if value is None else int(value)


def _named(value) -> dict | None:
    if value is None:
        return None
    return {"code": value.code, "name_ko": str(value.name_ko), "name_en": str(value.name_en)}


def _highlights(found: dict | None) -> dict | None:
    if found is None:
        return None
    return {
        "title": str(found["title"]),
        "snippet": str(found["snippet"]),
        "skills": [str(code) for code in found["skills"]],
    }


def job_list_item_data(job: Job) -> dict:
    """What JobListItemSerializer(job).data gives (the spec's listJobs item, which stays its
    schema), built directly: a ModelSerializer builds its fields again for every instance,
    about 3 ms a job, most of an uncached page of 20 (issue 17). Same keys, types and
    formats (dates and times through DRF's own fields), plain JSON values only;
    jobs/tests/api pins the two equal."""
    return {
        "id": job.pk,
        "title": str(job.title),
        "company": {
            "id": job.company_id,
            "name": str(job.company_name),
            "logo": logo_url(job.company, 96),
        },
        "location": _named(job.location),
        "category": _named(job.category),
        "employment_type": _text(job.employment_type),
        "remote": bool(job.remote),
        "salary_mode": _text(job.salary_mode),
        "salary_min": _number(job.salary_min),
        "salary_max": _number(job.salary_max),
        "experience": _text(job.experience),
        "experience_min_years": _number(job.experience_min_years),
        "experience_max_years": _number(job.experience_max_years),
        "education": _text(job.education),
        "skills": [_named(skill) for skill in job.skills.all()],
        "deadline_type": "rolling" if job.deadline is None else "date",
        "deadline": _when(job.deadline, _DATE),
        "published_at": _when(job.published_at),
        "is_premium": bool(getattr(job, "is_premium", False)),
        "highlights": _highlights(getattr(job, "highlights", None)),
    }


def job_detail_data(job: Job) -> dict:
    """What JobDetailSerializer(job).data gives (the spec's getJob answer), built the same
    way as a list item; jobs/tests/api pins the two equal."""
    item = job_list_item_data(job)
    del item["highlights"]  # a job's own page is not a search result
    return {
        **item,
        "description": str(job.description),
        "status": _text(job.status),
        "is_open": job.is_open(),
        "is_closed": job.is_closed,
        "options": [
            {
                "kind": _text(option.kind),
                "starts_at": _when(option.starts_at),
                "ends_at": _when(option.ends_at),
            }
            for option in getattr(job, "active_options", ())  # set by job_get_visible
        ],
        "created_at": _when(job.created_at),
        "updated_at": _when(job.updated_at),
        "closed_at": _when(job.closed_at),
    }


class JobWriteSerializer(ModelSerializer):
    """POST / PUT / PATCH body. `category`, `location` and `skills` are codes; `publish`
    publishes a draft (closing is DELETE). Salaries are won a year. Without `salary_mode` a
    body with figures is a range and one without is 회사 내규에 따름; without
    `deadline_type` a `deadline` means a closing date and none means 상시채용."""

    category = serializers.SlugRelatedField(
        slug_field="code", queryset=Category.objects.filter(is_active=True)
    )
    location = serializers.SlugRelatedField(
        slug_field="code", queryset=Location.objects.filter(is_active=True)
    )
    skills = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Skill.objects.filter(is_active=True),
        many=True,
        required=False,
        help_text=f"Skill codes from GET /skills, at most {MAX_SKILLS}.",
    )
    salary_mode = serializers.ChoiceField(choices=SalaryMode.choices, required=False)
    experience = serializers.ChoiceField(choices=Experience.choices, required=False)
    experience_min_years = serializers.IntegerField(
        min_value=0, max_value=MAX_EXPERIENCE_YEARS, required=False, allow_null=True
    )
    experience_max_years = serializers.IntegerField(
        min_value=0, max_value=MAX_EXPERIENCE_YEARS, required=False, allow_null=True
    )
    education = serializers.ChoiceField(choices=Education.choices, required=False)
    deadline_type = serializers.ChoiceField(choices=DEADLINE_TYPES, required=False, write_only=True)
    publish = serializers.BooleanField(required=False, default=False, write_only=True)
    company = serializers.PrimaryKeyRelatedField(
        queryset=Company.objects.all(),
        required=False,
        write_only=True,
        help_text="Admins only, on create: the company the job is for. Ignored otherwise.",
    )

    class Meta:
        model = Job
        fields = [
            "title",
            "description",
            "category",
            "location",
            "employment_type",
            "remote",
            "salary_mode",
            "salary_min",
            "salary_max",
            "experience",
            "experience_min_years",
            "experience_max_years",
            "education",
            "skills",
            "deadline_type",
            "deadline",
            "publish",
            "company",
        ]
        extra_kwargs = {"remote": {"required": False}}

    def _current(self, attrs, name, default=None):
        return attrs.get(name, getattr(self.instance, name, default))

    def validate(self, attrs):
        """The content rules of jobs.rules (POL-J-004, POL-J-006, POL-J-008), on the job as it
        will be (PATCH merges with the stored job), every broken one reported at once."""
        if "salary_mode" not in attrs and (
            self.instance is None or {"salary_min", "salary_max"} & attrs.keys()
        ):
            figures = attrs.get("salary_min") is not None or attrs.get("salary_max") is not None
            attrs["salary_mode"] = SalaryMode.RANGE if figures else SalaryMode.COMPANY_POLICY
        if attrs.get("salary_mode", SalaryMode.RANGE) != SalaryMode.RANGE:
            attrs.setdefault("salary_min", None)  # a phrase replaces the stored figures
            attrs.setdefault("salary_max", None)
        if attrs.get("experience", Experience.EXPERIENCED) != Experience.EXPERIENCED:
            attrs.setdefault("experience_min_years", None)
            attrs.setdefault("experience_max_years", None)
        deadline_type = attrs.pop("deadline_type", None)
        problems = {}
        if deadline_type == "rolling":
            if attrs.get("deadline") is not None:
                problems["deadline"] = "Leave the deadline empty for rolling (상시채용) jobs."
            attrs["deadline"] = None
        elif deadline_type == "date" and self._current(attrs, "deadline") is None:
            problems["deadline"] = "A closing date is required when deadline_type is date."
        if len(attrs.get("skills") or ()) > MAX_SKILLS:
            problems["skills"] = f"At most {MAX_SKILLS} skills."
        problems = {
            **content_errors(
                salary_mode=self._current(attrs, "salary_mode", SalaryMode.COMPANY_POLICY),
                salary_min=self._current(attrs, "salary_min"),
                salary_max=self._current(attrs, "salary_max"),
                experience=self._current(attrs, "experience", Experience.ANY),
                experience_min_years=self._current(attrs, "experience_min_years"),
                experience_max_years=self._current(attrs, "experience_max_years"),
                description=self._current(attrs, "description", ""),
                deadline=self._current(attrs, "deadline"),
                deadline_changed="deadline" in attrs
                and attrs["deadline"] != getattr(self.instance, "deadline", None),
            ),
            **problems,
        }
        if problems:
            raise serializers.ValidationError({k: [v] for k, v in problems.items()})
        return attrs


class JobReopenSerializer(Serializer):
    """POL-J-008: a closed job is published again with a new deadline, today or later."""

    deadline = serializers.DateField(help_text="The new deadline (today or later).")

    def validate_deadline(self, deadline):
        problems = reopen_deadline_errors(deadline=deadline)
        if problems:
            raise serializers.ValidationError(problems["deadline"])
        return deadline


class JobCopySerializer(Serializer):
    """POL-J-008: the copy keeps the original's deadline unless the body gives one. When the
    original's deadline has passed the body must give one — nothing is assumed."""

    deadline = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="The copy's deadline, today or later; null for 상시채용 (always hiring). "
        "Required when the original's deadline has passed.",
    )

    def validate_deadline(self, deadline):
        problems = deadline_errors(deadline=deadline)
        if problems:
            raise serializers.ValidationError(problems["deadline"])
        return deadline


class JobListQuerySerializer(Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    location = serializers.SlugField(required=False, allow_blank=True, max_length=40)
    category = serializers.SlugField(required=False, allow_blank=True, max_length=40)
    employment_type = serializers.ChoiceField(
        choices=EmploymentType.choices, required=False, allow_blank=True
    )
    remote = serializers.BooleanField(required=False, allow_null=True, default=None)
    salary_min = serializers.IntegerField(
        required=False, min_value=0, help_text="Won a year: jobs paying at least this much."
    )
    experience = serializers.ChoiceField(
        choices=Experience.choices,
        required=False,
        allow_blank=True,
        help_text="`new`: open to newcomers; `experienced`: for experienced people "
        "(narrowed by `experience_years`); `any`: only jobs that take any experience. "
        "Jobs taking any experience match `new` and `experienced` too.",
    )
    experience_years = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_EXPERIENCE_YEARS,
        help_text="The applicant's years: experienced jobs whose range holds them.",
    )
    education = serializers.ChoiceField(
        choices=Education.choices,
        required=False,
        allow_blank=True,
        help_text="The applicant's education: jobs asking for this level or less.",
    )
    skills = serializers.ListField(
        child=serializers.SlugField(max_length=40),
        required=False,
        max_length=MAX_SKILLS,
        help_text="Skill codes (repeat the parameter): jobs tagged with any of them.",
    )
    deadline = serializers.ChoiceField(
        choices=DEADLINE_FILTERS,
        required=False,
        allow_blank=True,
        help_text="`closing_soon`: deadline within 7 days; `rolling`: 상시채용.",
    )
    sort = serializers.ChoiceField(choices=SORTS, required=False, allow_blank=True)

    def to_filters(self) -> JobFilters:
        data = {k: v for k, v in self.validated_data.items() if v not in ("", None, [])}
        if "skills" in data:
            data["skills"] = tuple(sorted(set(data["skills"])))
        return JobFilters(**data)
