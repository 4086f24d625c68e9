"""Account pages: register, sign in/out, my devices, change password. Each one parses a form,
calls the same service as the API, and renders; domain errors become form errors."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts import legal, services
from accounts.client import client_user_agent
from accounts.cookies import clear_token_cookies, set_token_cookies
from accounts.exceptions import AuthenticationFailed, TooManyAttempts
from accounts.forms import (
    AccountDeleteForm,
    PasswordChangeForm,
    PasswordResetForm,
    PasswordResetRequestForm,
    RegisterForm,
    SignInForm,
)
from accounts.models import ConsentKind
from accounts.permissions import PolicyRequiredMixin
from accounts.policies import (
    can_change_password,
    can_manage_devices,
    can_manage_own_data,
    can_use_admin_site,
)
from accounts.selectors import consent_list, device_list_active, user_data_export
from jobboard.client_address import client_ip
from jobboard.errors import DomainError, NotFound, ServiceUnavailable


def safe_next(request, fallback: str = "/") -> str:
    """The `next` target, only if it stays on this site (no open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else fallback


def _current_sid(request) -> str | None:
    return (getattr(request, "jwt_payload", None) or {}).get("sid")


def _refused(view, form, exc: DomainError):
    """A service refused: show its message on the form, with the status the API would use
    for throttling (429 + Retry-After) and outages (503)."""
    for message in exc.messages:  # each on its own line (every password rule broken)
        form.add_error(exc.field if exc.field in form.fields else None, message)
    response = view.form_invalid(form)
    if exc.status in (429, 503):
        response.status_code = exc.status
    if retry_after := getattr(exc, "retry_after", None):
        response["Retry-After"] = str(retry_after)
    return response


def _signed_in_response(request, signed_in: services.SignIn, target: str):
    """This browser now holds the new device session's tokens."""
    previous = _current_sid(request)
    if previous:  # signing in again in this browser replaces its device, not adds one
        services.device_session_end(session_id=previous)
    # A token a page held before sign-in must not carry over (login CSRF, fixation).
    rotate_token(request)
    response = HttpResponseRedirect(target)
    set_token_cookies(response, signed_in.tokens)
    return response


class UserRegisterView(FormView):
    template_name = "accounts/register.html"
    form_class = RegisterForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = services.user_register(
                email=data["email"],
                password=data["password"],
                role=data["role"],
                name=data["name"],
                company_name=data["company_name"],
                consents=form.consents(),
                ip_address=client_ip(self.request),
            )
        except DomainError as exc:
            return _refused(self, form, exc)
        # Signed in at once, with a device session exactly as the sign-in page opens one.
        signed_in = services.device_session_start(
            user=user,
            ip_address=client_ip(self.request),
            user_agent=client_user_agent(self.request),
        )
        messages.success(self.request, _("Welcome! Your account is ready."))
        return _signed_in_response(self.request, signed_in, reverse("jobs:home"))


class UserSignInView(FormView):
    template_name = "accounts/login.html"
    form_class = SignInForm

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "next": safe_next(self.request, "")}

    def form_valid(self, form):
        try:
            signed_in = services.user_sign_in(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                ip_address=client_ip(self.request),
                user_agent=client_user_agent(self.request),
            )
        except (AuthenticationFailed, TooManyAttempts, ServiceUnavailable) as exc:
            return _refused(self, form, exc)
        return _signed_in_response(
            self.request, signed_in, safe_next(self.request, reverse("jobs:home"))
        )


class UserSignOutView(View):
    """POST only (a link or an image tag must not sign anyone out): the device is revoked
    and the cookies cleared."""

    http_method_names = ["post"]

    def post(self, request):
        sid = _current_sid(request)
        if sid:
            services.device_session_end(session_id=sid)
        rotate_token(request)  # the next person at this browser starts with a fresh token
        response = redirect("jobs:home")
        clear_token_cookies(response)
        return response


class DeviceListView(PolicyRequiredMixin, TemplateView):
    policy = can_manage_devices
    template_name = "accounts/devices.html"

    def get_context_data(self, **kwargs):
        sid = _current_sid(self.request)
        devices = list(device_list_active(user=self.request.user))
        for device in devices:
            device.is_current = str(device.pk) == sid
        return {**super().get_context_data(**kwargs), "devices": devices}


class DeviceRevokeView(PolicyRequiredMixin, View):
    policy = can_manage_devices
    http_method_names = ["post"]

    def post(self, request, device_id):
        try:
            services.device_session_revoke(user=request.user, device_id=device_id)
        except NotFound as exc:
            raise Http404(exc.detail) from exc
        if str(device_id) == _current_sid(request):
            response = redirect("accounts:login")
            clear_token_cookies(response)
            return response
        messages.success(request, _("The device has been signed out."))
        return redirect("accounts:devices")


class PasswordChangeView(PolicyRequiredMixin, FormView):
    """Changing the password signs out every device, this one's old tokens included
    (POL-A-002); this browser then gets a fresh device session so it stays signed in."""

    policy = can_change_password
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:devices")

    def form_valid(self, form):
        user = self.request.user
        try:
            services.user_password_change(
                user=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
                ip_address=client_ip(self.request),
            )
        except DomainError as exc:
            return _refused(self, form, exc)
        rotate_token(self.request)  # a new sign-in: a new CSRF token
        signed_in = services.device_session_start(
            user=user,
            ip_address=client_ip(self.request),
            user_agent=client_user_agent(self.request),
        )
        messages.success(
            self.request, _("Password changed. Every other device has been signed out.")
        )
        response = HttpResponseRedirect(self.get_success_url())
        set_token_cookies(response, signed_in.tokens)
        return response


class PasswordResetRequestView(FormView):
    """POL-PRIV-001: ask for a reset link. The next page says the same whether or not the
    address has an account (POL-A-005)."""

    template_name = "accounts/password_reset_request.html"
    form_class = PasswordResetRequestForm

    def form_valid(self, form):
        try:
            services.password_reset_request(
                email=form.cleaned_data["email"],
                ip_address=client_ip(self.request),
                language=get_language() or "",
            )
        except DomainError as exc:
            return _refused(self, form, exc)
        return redirect("accounts:password_reset_sent")


class PasswordResetSentView(TemplateView):
    template_name = "accounts/password_reset_request.html"
    extra_context = {"sent": True}


class PasswordResetConfirmView(FormView):
    """The link from the email: a new password, set through user_password_set (every device
    is signed out), then sign in with it."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = PasswordResetForm

    def link_valid(self) -> bool:
        try:
            services.password_reset_user(uidb64=self.kwargs["uidb64"], token=self.kwargs["token"])
        except services.ResetLinkInvalid:
            return False
        return True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "link_valid": self.link_valid()}

    def form_valid(self, form):
        try:
            services.password_reset_confirm(
                uidb64=self.kwargs["uidb64"],
                token=self.kwargs["token"],
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as exc:
            return _refused(self, form, exc)
        messages.success(
            self.request,
            _("Your password is changed and every device is signed out. Sign in with it."),
        )
        response = redirect("accounts:login")
        clear_token_cookies(response)
        return response


class MyDataView(PolicyRequiredMixin, FormView):
    """POL-PRIV-001: download my data, my consents, delete my account."""

    policy = can_manage_own_data
    template_name = "accounts/my_data.html"
    form_class = AccountDeleteForm

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "consents": consent_list(user=self.request.user),
        }


class DataExportView(PolicyRequiredMixin, View):
    policy = can_manage_own_data

    def get(self, request):
        response = JsonResponse(
            user_data_export(user=request.user), json_dumps_params={"ensure_ascii": False}
        )
        response["Content-Disposition"] = 'attachment; filename="jobboard-my-data.json"'
        response["Cache-Control"] = "no-store"
        return response


class AccountDeleteView(MyDataView):
    """POST of the delete form on "my data": the password confirms it."""

    http_method_names = ["post"]

    def form_valid(self, form):
        try:
            services.user_account_delete(
                user=self.request.user,
                password=form.cleaned_data["password"],
                ip_address=client_ip(self.request),
            )
        except DomainError as exc:
            return _refused(self, form, exc)
        messages.success(self.request, _("Your account is deleted. Thank you for using jobboard."))
        rotate_token(self.request)
        response = redirect("jobs:home")
        clear_token_cookies(response)
        return response


def admin_login(request, extra_context=None):
    """Django admin's login: our sign-in page, never a second password form (POL-A-001)."""
    target = safe_next(request, reverse("admin:index"))
    if request.user.is_authenticated:
        if can_use_admin_site(request.user):
            return redirect(target)
        raise PermissionDenied  # signed in, but not an admin
    return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': target})}")


def admin_logout(request, extra_context=None):
    return UserSignOutView.as_view()(request)


def admin_password_change(request, extra_context=None):
    return redirect("accounts:password_change")


class LegalTextView(View):
    """A text users agree to at sign-up (POL-PRIV-001), public: the current version, or any
    earlier one by its version (what a consent was given to)."""

    def get(self, request, kind, version=None):
        version = version or legal.CURRENT.get(kind, "")
        if not legal.text_exists(kind, version):
            raise Http404(_("No such text."))
        context = {
            "kind": kind,
            "kind_label": ConsentKind(kind).label,
            "version": version,
            "is_current": version == legal.CURRENT[kind],
            "current_version": legal.CURRENT[kind],
        }
        return render(request, legal.template_name(kind, version), context)
