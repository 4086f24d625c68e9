import hashlib

from django import forms
from django.forms.models import ModelChoiceIterator
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from jobboard.limits import LONG_TEXT_MAX_CHARS
from jobs.display import MANWON, salary_from_label
from jobs.models import (
    Category,
    Education,
    EmploymentType,
    Experience,
    Job,
    Location,
    SalaryMode,
    Skill,
)
from jobs.policies import can_post_for_any_company
from jobs.rules import content_errors, deadline_errors
from jobs.selectors import DEADLINE_FILTERS, JobFilters, reference_list_active

_held_choices: dict[tuple[type, str | None], tuple[list, tuple[tuple[str, str], ...]]] = {}


def reference_choices(model: type[Location | Category | Skill]) -> tuple[tuple[str, str], ...]:
    """(code, name) of the active rows, in the reader's language. Built once per language
    for the rows this process holds (jobs.selectors.reference_rows), so a new hold (an edit,
    or the hold's expiry) rebuilds them; not once per form, which every list page builds."""
    rows = reference_list_active(model)
    key = (model, get_language())
    held = _held_choices.get(key)
    if held is None or held[0] is not rows:
        held = (rows, tuple((row.code, row.name) for row in rows))
        _held_choices[key] = held
    return held[1]


class ReferenceChoiceIterator(ModelChoiceIterator):
    """A location, category or skill field's choices, rendered from the active rows this
    process holds (jobs.selectors.reference_rows) instead of a query per form (issue 17's
    budget: the job and profile forms had three). The field's queryset is still what a
    submitted value is checked against."""

    def _rows(self) -> list:
        return reference_list_active(self.queryset.model)

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._rows():
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self._rows()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self._rows())


def use_reference_choices(
    field: forms.ModelChoiceField, model: type[Location | Category | Skill]
) -> None:
    """The field offers the model's active rows, as reference_rows holds them."""
    field.iterator = ReferenceChoiceIterator  # before the queryset: assigning it renders them
    field.queryset = model.objects.filter(is_active=True)


class JobSearchForm(forms.Form):
    """The list page's search and filters (GET); invalid values are ignored, not fatal.
    The salary is typed in 만원 (5000 = 5,000만원), as people say it (POL-J-006)."""

    # The choices from the database are callables, read when iterated: a form per request
    # then deep-copies a reference to them, not a hundred tuples (issue 17).
    q = forms.CharField(label=_("Keyword"), required=False, max_length=200)
    location = forms.ChoiceField(
        label=_("Location"),
        required=False,
        choices=lambda: (("", _("Anywhere")), *reference_choices(Location)),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=lambda: (("", _("All categories")), *reference_choices(Category)),
    )
    employment_type = forms.ChoiceField(
        label=_("Employment type"),
        required=False,
        choices=[("", _("Any type")), *EmploymentType.choices],
    )
    remote = forms.BooleanField(label=_("Remote only"), required=False)
    salary = forms.IntegerField(
        label=_("Minimum salary (10,000 KRW a year)"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "5000"}),
    )
    experience = forms.ChoiceField(
        label=_("Experience"),
        required=False,
        choices=[("", _("Any")), *Experience.choices],
    )
    experience_years = forms.IntegerField(
        label=_("My years of experience"), required=False, min_value=0, max_value=40
    )
    education = forms.ChoiceField(
        label=_("My education"),
        required=False,
        choices=[("", _("Any")), *Education.choices[1:]],
        help_text=_("Shows jobs asking for this level or less."),
    )
    skills = forms.MultipleChoiceField(
        label=_("Skills"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: reference_choices(Skill),
    )
    deadline = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[
            ("", _("Any")),
            ("closing_soon", _("Closing within 7 days")),
            ("rolling", _("Always hiring")),
        ],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("Best match")), ("latest", _("Newest")), ("salary", _("Salary"))],
    )

    def html_key(self) -> str:
        """A cache key for this form's HTML: the values asked for, the language and the
        choices offered (an edited location or skill gives another key), all it shows."""
        values = [(name, self.data.getlist(name)) for name in self.fields]  # type: ignore[attr-defined]  # a QueryDict: request.GET
        choices = [reference_choices(model) for model in (Location, Category, Skill)]
        raw = repr((values, get_language(), choices))
        return "jobs:filters:" + hashlib.sha256(raw.encode()).hexdigest()[:32]

    def clean(self):
        # One bad value drops that filter only: the rest of the search still applies.
        for name in list(self.errors):
            self.cleaned_data.pop(name, None)
            del self.errors[name]
        return self.cleaned_data

    def to_filters(self) -> JobFilters:
        if not self.is_valid():  # unbound: no filters
            return JobFilters()
        data = self.cleaned_data
        salary = data.get("salary")
        deadline = data.get("deadline", "")
        return JobFilters(
            q=data.get("q", ""),
            location=data.get("location", ""),
            category=data.get("category", ""),
            employment_type=data.get("employment_type", ""),
            remote=True if data.get("remote") else None,
            salary_min=salary * MANWON if salary is not None else None,
            experience=data.get("experience", ""),
            experience_years=data.get("experience_years"),
            education=data.get("education", ""),
            skills=tuple(sorted(data.get("skills") or ())),
            deadline=deadline if deadline in DEADLINE_FILTERS else "",
            sort=data.get("sort", ""),
        )

    @staticmethod
    def query_of(filters: JobFilters) -> QueryDict:
        """The list URL's query for `filters`, built from the validated values alone. A page
        cached for everyone with these filters (its pagination and suggestion links) may
        carry only this: nothing the first requester happened to add (`utm_source=…`, an
        invalid `salary_min=abc`) can reach the next reader (issue #13, cache poisoning)."""
        query = QueryDict(mutable=True)
        for name, value in (
            ("q", filters.q),
            ("location", filters.location),
            ("category", filters.category),
            ("employment_type", filters.employment_type),
            ("remote", "on" if filters.remote else ""),
            ("salary", "" if filters.salary_min is None else filters.salary_min // MANWON),
            ("experience", filters.experience),
            ("experience_years", filters.experience_years),
            ("education", filters.education),
            ("deadline", filters.deadline),
            ("sort", filters.sort),
        ):
            if value not in ("", None):
                query[name] = str(value)
        if filters.skills:
            query.setlist("skills", list(filters.skills))
        return query

    def active_filters(self) -> list[dict]:
        """The filters in use, each with a label and the URL that removes it (chips)."""
        if not self.is_valid():
            return []
        chips = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if name == "sort" or value in (None, "", False, [], ()):
                continue
            values = value if isinstance(value, list) else [value]
            for item in values:
                chips.append(
                    {"label": self.chip_label(name, field, item), "url": self._without(name, item)}
                )
        return chips

    def chip_label(self, name, field, value) -> str:
        if name == "q":
            return f"“{value}”"
        if name == "remote":
            return str(field.label)
        if name == "salary":
            return salary_from_label(value * MANWON)
        if name == "experience_years":
            return _("%(years)d years of experience") % {"years": value}
        return str(dict(field.choices).get(value, value))

    def _without(self, name, value) -> str:
        query = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict: request.GET
        if isinstance(self.cleaned_data.get(name), list):
            query.setlist(name, [v for v in query.getlist(name) if v != value])
        else:
            query.pop(name, None)
        query.pop("page", None)
        return clean_query(query)


def clean_query(query) -> str:
    """`?a=1&b=` → `a=1`: URLs carry no empty parameters."""
    kept = query.copy()
    for name in list(kept):
        values = [v for v in kept.getlist(name) if v.strip()]
        if values:
            kept.setlist(name, values)
        else:
            del kept[name]
    return kept.urlencode()


class DeadlineType:
    DATE = "date"
    ROLLING = "rolling"
    CHOICES = [(DATE, _("Closing date")), (ROLLING, _("Always hiring (상시채용)"))]


def apply_deadline_choice(data: dict) -> dict[str, str]:
    """The deadline as chosen (POL-J-006): 상시채용 clears the date, a date choice needs one.
    Takes `deadline_type` out of the cleaned data; returns the problem, if any."""
    deadline_type = data.pop("deadline_type", None)
    if deadline_type == DeadlineType.ROLLING:
        data["deadline"] = None
    elif deadline_type == DeadlineType.DATE and not data.get("deadline"):
        return {"deadline": str(_("Give the closing date, or choose always hiring."))}
    return {}


class CopyDeadlineForm(forms.Form):
    """The deadline of a copy whose original's deadline has passed (POL-J-008): a date,
    today or later, or 상시채용 — chosen, never assumed."""

    deadline_type = forms.ChoiceField(
        label=_("Deadline"), choices=DeadlineType.CHOICES, widget=forms.RadioSelect
    )
    deadline = forms.DateField(
        label=_("Closing date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean(self):
        data = super().clean()
        problems = apply_deadline_choice(data)
        problems = {**deadline_errors(deadline=data.get("deadline")), **problems}
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class ManwonField(forms.IntegerField):
    """A salary typed in 만원 and kept in won."""

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=1_000_000, required=False, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric"})

    def prepare_value(self, value):
        if isinstance(value, int) and value >= MANWON and value % MANWON == 0:
            return value // MANWON
        return value

    def clean(self, value):
        manwon = super().clean(value)
        return None if manwon is None else manwon * MANWON


class JobForm(forms.ModelForm):
    """Create and edit (POL-J-004, POL-J-006, POL-J-008). The content rules are jobs.rules,
    the same functions the API and the service call. Salaries are typed in 만원; the deadline
    is a date or an explicit 상시채용."""

    salary_min = ManwonField(label=_("Minimum salary (10,000 KRW a year)"))
    salary_max = ManwonField(label=_("Maximum salary (10,000 KRW a year)"))
    deadline_type = forms.ChoiceField(
        label=_("Deadline"), choices=DeadlineType.CHOICES, widget=forms.RadioSelect
    )

    class Meta:
        model = Job
        fields = [
            "title",
            "category",
            "location",
            "employment_type",
            "remote",
            "experience",
            "experience_min_years",
            "experience_max_years",
            "education",
            "salary_mode",
            "salary_min",
            "salary_max",
            "deadline_type",
            "deadline",
            "skills",
            "description",
        ]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "salary_mode": forms.RadioSelect,
            "experience": forms.RadioSelect,
            "skills": forms.CheckboxSelectMultiple,
        }
        labels = {"deadline": _("Closing date")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and can_post_for_any_company(user):
            # Admins post for any company (POL-J-001); recruiters always for their own.
            self.fields["company"] = forms.ModelChoiceField(
                Company.objects.all(), label=_("Company"), initial=user.company_id
            )
        use_reference_choices(self.fields["category"], Category)
        use_reference_choices(self.fields["location"], Location)
        use_reference_choices(self.fields["skills"], Skill)
        self.fields["category"].label = _("Category")
        self.fields["location"].label = _("Location")
        self.fields["description"].widget.attrs["maxlength"] = LONG_TEXT_MAX_CHARS
        self.fields["deadline"].widget.attrs["min"] = timezone.localdate().isoformat()
        # Dropdowns say what to choose, never "---------".
        self.fields["category"].empty_label = _("Choose a category")
        self.fields["location"].empty_label = _("Choose a location")
        self.fields["employment_type"].choices = [
            ("", _("Choose an employment type")),
            *EmploymentType.choices,
        ]
        self.fields["salary_mode"].choices = SalaryMode.choices
        self.fields["experience"].choices = Experience.choices
        if self.instance.pk:
            self.initial["deadline_type"] = (
                DeadlineType.ROLLING if self.instance.deadline is None else DeadlineType.DATE
            )

    def clean(self):
        data = super().clean()
        problems = apply_deadline_choice(data)
        problems = {
            **content_errors(
                salary_mode=data.get("salary_mode"),
                salary_min=data.get("salary_min"),
                salary_max=data.get("salary_max"),
                experience=data.get("experience"),
                experience_min_years=data.get("experience_min_years"),
                experience_max_years=data.get("experience_max_years"),
                description=data.get("description", ""),
                deadline=data.get("deadline"),
                deadline_changed=data.get("deadline") != self.instance.deadline,
            ),
            **problems,
        }
        for field, message in problems.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def _post_clean(self):
        # Model validation runs in the service (and the database); skip the ModelForm's
        # instance validation, which would need the owner and company set first.
        pass
