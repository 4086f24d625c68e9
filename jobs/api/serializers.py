from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Company
from jobs.models import Category, EmploymentType, Job, JobOption, Location
from jobs.rules import content_errors, reopen_deadline_errors
from jobs.selectors import SORTS, JobFilters


class NamedCodeSerializer(serializers.Serializer):
    code = serializers.SlugField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()


class CompanyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="company_id")
    name = serializers.CharField(source="company_name")


class JobOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = JobOption
        fields = ["kind", "starts_at", "ends_at"]


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "required": ["title", "snippet"],
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
        },
    }
)
class HighlightsField(serializers.ReadOnlyField):
    """`{"title", "snippet"}` of a search result (jobs.search.highlight), or null."""


class JobListItemSerializer(serializers.ModelSerializer):
    company = CompanyRefSerializer(source="*")
    location = NamedCodeSerializer()
    category = NamedCodeSerializer()
    is_premium = serializers.BooleanField(default=False)
    highlights = HighlightsField(
        default=None, help_text="What matched the search `q` (POL-S-001); null without `q`."
    )

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
            "salary_min",
            "salary_max",
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


class JobWriteSerializer(serializers.ModelSerializer):
    """POST / PUT / PATCH body. `category` and `location` are codes; `publish` publishes a
    draft (closing is DELETE)."""

    category = serializers.SlugRelatedField(
        slug_field="code", queryset=Category.objects.filter(is_active=True)
    )
    location = serializers.SlugRelatedField(
        slug_field="code", queryset=Location.objects.filter(is_active=True)
    )
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
            "salary_min",
            "salary_max",
            "deadline",
            "publish",
            "company",
        ]
        extra_kwargs = {"remote": {"required": False}}

    def validate(self, attrs):
        """The content rules of jobs.rules (POL-J-004, POL-J-008), as the form checks them."""

        def value(name, default=None):
            return attrs.get(name, getattr(self.instance, name, default))

        problems = content_errors(
            salary_min=value("salary_min"),
            salary_max=value("salary_max"),
            description=value("description", ""),
            deadline=value("deadline"),
            deadline_changed="deadline" in attrs
            and attrs["deadline"] != getattr(self.instance, "deadline", None),
        )
        if problems:
            raise serializers.ValidationError({f: [m] for f, m in problems.items()})
        return attrs


class JobReopenSerializer(serializers.Serializer):
    """POL-J-008: a closed job is published again with a new deadline, today or later."""

    deadline = serializers.DateField(help_text="The new deadline (today or later).")

    def validate_deadline(self, deadline):
        problems = reopen_deadline_errors(deadline=deadline)
        if problems:
            raise serializers.ValidationError(problems["deadline"])
        return deadline


class JobListQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    location = serializers.SlugField(required=False, allow_blank=True, max_length=40)
    category = serializers.SlugField(required=False, allow_blank=True, max_length=40)
    employment_type = serializers.ChoiceField(
        choices=EmploymentType.choices, required=False, allow_blank=True
    )
    remote = serializers.BooleanField(required=False, allow_null=True, default=None)
    salary_min = serializers.IntegerField(required=False, min_value=0)
    sort = serializers.ChoiceField(choices=SORTS, required=False, allow_blank=True)

    def to_filters(self) -> JobFilters:
        data = {k: v for k, v in self.validated_data.items() if v not in ("", None)}
        return JobFilters(**data)
