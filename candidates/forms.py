from django import forms
from django.utils.translation import gettext_lazy as _

from candidates.models import PROFILE_EDUCATION_CHOICES, Profile, normalize_phone
from candidates.resumes import DOCX, PDF
from jobs.forms import use_reference_choices
from jobs.models import Category, Location, Skill

RESUME_ACCEPT = f".pdf,.docx,{PDF},{DOCX}"


RESUME_LABEL = _("Résumé (PDF or DOCX, up to 5 MB)")


def resume_file_field(label=RESUME_LABEL, **kwargs) -> forms.FileField:
    """The résumé upload of every form (POL-AP-002: the content is checked by the service)."""
    return forms.FileField(
        label=label, widget=forms.ClearableFileInput(attrs={"accept": RESUME_ACCEPT}), **kwargs
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "headline",
            "summary",
            "phone",
            "experience_years",
            "education",
            "desired_salary_manwon",
            "desired_categories",
            "desired_locations",
            "skills",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "desired_categories": forms.CheckboxSelectMultiple,
            "desired_locations": forms.CheckboxSelectMultiple,
            "skills": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_reference_choices(self.fields["desired_categories"], Category)
        use_reference_choices(self.fields["desired_locations"], Location)
        use_reference_choices(self.fields["skills"], Skill)
        self.fields["education"].choices = [("", _("Not stated")), *PROFILE_EDUCATION_CHOICES]

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def changes(self) -> dict[str, object]:
        """The cleaned values as profile_update's keyword arguments."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StoredResumeForm(forms.Form):
    resume = resume_file_field()
    title = forms.CharField(
        label=_("Title (optional)"),
        required=False,
        max_length=100,
        help_text=_("For example 백엔드 개발자용. The file name is used when empty."),
    )
    make_default = forms.BooleanField(label=_("Use as my default résumé"), required=False)


def replace_error(form, field, message) -> None:
    """A domain error replaces the form's own error for that field ("required" after the
    size limit dropped the file, for instance)."""
    if field:
        form.errors.pop(field, None)
    form.add_error(field if field in form.fields else None, message)
