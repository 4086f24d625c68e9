"""The company editor's form (POL-J-007). It only parses what people type; the rules live in
accounts.company_services, which the API calls too."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.logos import MAX_BYTES
from accounts.models import Company

ACCEPT = "image/png,image/jpeg,image/webp,image/gif"


class CompanyForm(forms.ModelForm):
    # One tag a line or comma-separated, as recruiters paste them ("재택근무, 식대 지원").
    benefits = forms.CharField(
        label=_("Benefits"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separate benefits with commas, e.g. 재택근무, 식대 지원."),
    )
    # Typed without a scheme ("example.com"), a homepage is https.
    website = forms.URLField(
        label=_("Homepage"), required=False, max_length=200, assume_scheme="https"
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB; shown on a white square."),
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "industry",
            "size",
            "founded_year",
            "address",
            "website",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["size"].choices = [("", _("Choose…")), *self.fields["size"].choices[1:]]
        if not self.is_bound:
            self.initial["benefits"] = ", ".join(self.instance.benefits)

    def clean_benefits(self) -> list[str]:
        text = self.cleaned_data["benefits"].replace("\n", ",")
        return [part for part in text.split(",") if part.strip()]

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        # One byte past the limit is enough for accounts.logos to refuse it by size.
        return upload.read(MAX_BYTES + 1)
