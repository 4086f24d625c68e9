from django import forms
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from jobboard.limits import LONG_TEXT_MAX_CHARS
from jobs.models import Category, EmploymentType, Job, Location
from jobs.policies import can_post_for_any_company
from jobs.rules import content_errors
from jobs.selectors import JobFilters


def _choices(model) -> list[tuple[str, str]]:
    """(code, name) of the active rows, cached briefly: every list page shows them."""
    key = f"jobs:choices:{model._meta.model_name}:{get_language()}"
    choices = cache.get(key)
    if choices is None:
        choices = [(row.code, row.name) for row in model.objects.filter(is_active=True)]
        cache.set(key, choices, 300)
    return choices


class JobSearchForm(forms.Form):
    """The list page's search and filters (GET); invalid values are ignored, not fatal."""

    q = forms.CharField(label=_("Keyword"), required=False, max_length=200)
    location = forms.ChoiceField(label=_("Location"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    employment_type = forms.ChoiceField(
        label=_("Employment type"),
        required=False,
        choices=[("", _("Any type")), *EmploymentType.choices],
    )
    remote = forms.BooleanField(label=_("Remote only"), required=False)
    salary_min = forms.IntegerField(
        label=_("Minimum salary (KRW)"), required=False, min_value=0, step_size=1_000_000
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("Best match")), ("latest", _("Newest")), ("salary", _("Salary"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [("", _("Anywhere")), *_choices(Location)]
        self.fields["category"].choices = [("", _("All categories")), *_choices(Category)]

    def to_filters(self) -> JobFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return JobFilters(
            q=data.get("q", ""),
            location=data.get("location", ""),
            category=data.get("category", ""),
            employment_type=data.get("employment_type", ""),
            remote=True if data.get("remote") else None,
            salary_min=data.get("salary_min"),
            sort=data.get("sort", ""),
        )


class JobForm(forms.ModelForm):
    """Create and edit. The content rules are jobs.rules (POL-J-004, POL-J-008), the same
    functions the API and the service call."""

    class Meta:
        model = Job
        fields = [
            "title",
            "category",
            "location",
            "employment_type",
            "remote",
            "salary_min",
            "salary_max",
            "deadline",
            "description",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and can_post_for_any_company(user):
            # Admins post for any company (POL-J-001); recruiters always for their own.
            self.fields["company"] = forms.ModelChoiceField(
                Company.objects.all(), label=_("Company"), initial=user.company_id
            )
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["location"].queryset = Location.objects.filter(is_active=True)
        self.fields["category"].label = _("Category")
        self.fields["location"].label = _("Location")
        self.fields["description"].widget.attrs["maxlength"] = LONG_TEXT_MAX_CHARS
        self.fields["deadline"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean(self):
        data = super().clean()
        problems = content_errors(
            salary_min=data.get("salary_min"),
            salary_max=data.get("salary_max"),
            description=data.get("description", ""),
            deadline=data.get("deadline"),
            deadline_changed=data.get("deadline") != self.instance.deadline,
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def _post_clean(self):
        # Model validation runs in the service (and the database); skip the ModelForm's
        # instance validation, which would need the owner and company set first.
        pass
