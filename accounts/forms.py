from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import ConsentKind, Role


def _new_password(label):
    return forms.CharField(
        label=label, strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class RegisterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("I am a"),
        choices=[(Role.JOBSEEKER.value, _("Jobseeker")), (Role.RECRUITER.value, _("Recruiter"))],
        widget=forms.RadioSelect,
        initial=Role.JOBSEEKER.value,
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not common, not only digits, not like your email."),
    )
    password_again = _new_password(_("Password, again"))
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        required=False,
        help_text=_("Required for recruiters."),
    )
    # POL-PRIV-001: the service says which are required (accounts.legal.REQUIRED); unticked
    # boxes reach it as missing consents and come back as errors on their own box.
    consent_terms = forms.BooleanField(label=_("I agree to the terms of service"), required=False)
    consent_privacy = forms.BooleanField(
        label=_("I agree to the collection and use of my personal information"), required=False
    )
    consent_age_14 = forms.BooleanField(label=_("I am 14 years or older"), required=False)
    consent_marketing = forms.BooleanField(
        label=_("I would like job news and offers by email (optional)"), required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.RECRUITER and not (data.get("company_name") or "").strip():
            self.add_error("company_name", _("Recruiters give their company's name."))
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data

    def consents(self) -> list[str]:
        return [kind for kind in ConsentKind.values if self.cleaned_data.get(f"consent_{kind}")]

    def consent_fields(self):
        return [self[f"consent_{kind}"] for kind in ConsentKind.values]


class SignInForm(forms.Form):
    email = forms.CharField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = _new_password(_("New password"))
    new_password_again = _new_password(_("New password, again"))

    def clean(self):
        return _same_new_passwords(self, super().clean())


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class PasswordResetForm(forms.Form):
    new_password = _new_password(_("New password"))
    new_password_again = _new_password(_("New password, again"))

    def clean(self):
        return _same_new_passwords(self, super().clean())


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good"),
        error_messages={"required": _("Tick the box to confirm.")},
    )


def _same_new_passwords(form, data):
    if data.get("new_password") != data.get("new_password_again"):
        form.add_error("new_password_again", _("The two new passwords differ."))
    return data
