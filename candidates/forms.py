from django import forms
from django.utils.translation import gettext_lazy as _

from candidates.models import PROFILE_EDUCATION_CHOICES, Profile, normalize_phone
from candidates.resumes import DOCX, PDF
from jobs.models import Category, Location, Skill

RESUME_ACCEPT = f".pdf,.docx,{PDF},{DOCX}"


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
        self.fields["desired_categories"].queryset = Category.objects.filter(is_active=True)
        self.fields["desired_locations"].queryset = Location.objects.filter(is_active=True)
        self.fields["skills"].queryset = Skill.objects.filter(is_active=True)
        self.fields["education"].choices = [("", _("Not stated")), *PROFILE_EDUCATION_CHOICES]

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def changes(self) -> dict[str, object]:
        """The cleaned values as profile_update's keyword arguments."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StoredResumeForm(forms.Form):
    resume = forms.FileField(
        label=_("Résumé (PDF or DOCX, up to 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": RESUME_ACCEPT}),
    )
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
