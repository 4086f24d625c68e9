from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role


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
    company_name = forms.CharField(
        label=_("Company name"),
        max_length=200,
        required=False,
        help_text=_("Required for recruiters."),
    )

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.RECRUITER and not (data.get("company_name") or "").strip():
            self.add_error("company_name", _("Recruiters give their company's name."))
        return data


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
    new_password = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_again = forms.CharField(
        label=_("New password, again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("The two new passwords differ."))
        return data
