"""Every write of the accounts domain: registration, sign-in, rotation, revocation."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import legal, personal_data
from accounts.device_state import device_forget, device_mark_revoked
from accounts.exceptions import AuthenticationFailed
from accounts.models import (
    Company,
    CompanyFollow,
    Consent,
    ConsentKind,
    DeviceSession,
    Role,
    User,
)
from accounts.throttle import (
    ACCOUNT_DELETE,
    PASSWORD_CHANGE,
    PASSWORD_RESET_EMAIL,
    PASSWORD_RESET_IP,
    SIGNIN_EMAIL,
    SIGNIN_IP,
    SIGNUP_IP,
    throttle_hit,
    throttle_reset,
    throttle_undo,
)
from accounts.tokens import TokenPair, refresh_token_decode, token_pair_issue
from jobboard import metrics
from jobboard.errors import DomainError, NotFound

# A refresh token retired less than this long ago is a benign race (two tabs refreshing at
# once), not theft: it gets a fresh access token but never a new refresh token (POL-A-003).
REFRESH_REUSE_GRACE = timedelta(seconds=10)


class RegistrationError(DomainError):
    type_slug = "registration-error"


class PasswordInvalid(DomainError):
    """The password breaks POL-A-004's rules; `messages` holds each rule it breaks."""

    type_slug = "password-invalid"


@dataclass(frozen=True)
class SignIn:
    user: User
    device: DeviceSession
    tokens: TokenPair


def user_register(
    *,
    email: str,
    password: str,
    role: str,
    consents: Collection[str],
    name: str = "",
    company_name: str = "",
    ip_address: str | None = None,
) -> User:
    """Create a jobseeker or a recruiter (with their company), with the consents given
    (POL-PRIV-001: terms, personal information and the age of 14 required, marketing
    optional), each recorded against the current version of its text. Admins are made in
    admin. Attempts are throttled per client IP (POL-A-005: "email taken" is an enumeration
    signal)."""
    throttle_hit(
        (SIGNUP_IP, ip_address),
        detail=_("Too many registrations from this address; try again later."),
    )
    email = User.objects.normalize_email(email).lower()
    if role not in (Role.JOBSEEKER, Role.RECRUITER):
        raise RegistrationError(_("Choose jobseeker or recruiter."), field="role")
    if role == Role.RECRUITER and not company_name.strip():
        raise RegistrationError(_("Recruiters give their company's name."), field="company_name")
    for kind in legal.REQUIRED:
        if kind not in consents:
            raise RegistrationError(_(CONSENT_REQUIRED[kind]), field=f"consent_{kind}")
    if User.objects.filter(email__iexact=email).exists():
        raise RegistrationError(_("An account with this email already exists."), field="email")
    candidate = User(email=email, name=name, role=role)
    password_validate(password, user=candidate, field="password")
    try:
        with transaction.atomic():
            if role == Role.RECRUITER:
                candidate.company = Company.objects.create(name=company_name.strip())
            candidate.set_password(password)
            candidate.save()
            Consent.objects.bulk_create(
                Consent(user=candidate, kind=kind, version=legal.CURRENT[kind])
                for kind in ConsentKind.values
                if kind in consents
            )
    except IntegrityError as exc:  # two registrations of one email racing
        raise RegistrationError(
            _("An account with this email already exists."), field="email"
        ) from exc
    return candidate


# Translated when raised (messages follow the request language; API problem+json too).
CONSENT_REQUIRED = {
    ConsentKind.TERMS: gettext_noop("Agree to the terms of service to register."),
    ConsentKind.PRIVACY: gettext_noop(
        "Agree to the collection and use of personal information to register."
    ),
    ConsentKind.AGE_14: gettext_noop("You must be 14 or older to register."),
}


def password_validate(password: str, *, user: User, field: str) -> None:
    """POL-A-004's rules; every rule the password breaks is its own message."""
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        raise PasswordInvalid(
            " ".join(exc.messages), field=field, messages=list(exc.messages)
        ) from exc


BAD_CREDENTIALS = gettext_noop("The email or password is not correct.")


def user_sign_in(
    *,
    email: str,
    password: str,
    device_name: str = "",
    ip_address: str | None = None,
    user_agent: str = "",
) -> SignIn:
    """Check the credentials and open a device session (the API and the sign-in page both
    call this). POL-A-005: the attempt is counted against the email and the IP before any
    hashing (the increment is the check); an unknown email, a wrong password and an inactive
    account give one answer after one hash's worth of work. A success clears the email's
    count and gives the IP its attempt back.
    POL-A-004: `check_password` re-hashes an older hash (PBKDF2, bcrypt) with Argon2id."""
    email = (email or "").strip().lower()
    throttle_hit((SIGNIN_EMAIL, email), (SIGNIN_IP, ip_address))
    user = User.objects.filter(email=email).first()
    if user is None:
        # Hash anyway, so an unknown email takes as long as a wrong password.
        User().set_password(password)
        ok = False
    else:
        ok = user.check_password(password) and user.is_active
    if user is None or not ok:
        metrics.login_failed(
            "inactive" if user is not None and not user.is_active else "bad_credentials"
        )
        raise AuthenticationFailed(_(BAD_CREDENTIALS))
    throttle_reset(SIGNIN_EMAIL, email)
    throttle_undo(SIGNIN_IP, ip_address)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    return device_session_start(
        user=user, name=device_name, ip_address=ip_address, user_agent=user_agent
    )


def device_session_start(
    *, user: User, name: str = "", ip_address: str | None = None, user_agent: str = ""
) -> SignIn:
    """Open a device session and issue its first token pair. The 6th active device signs out
    the least recently used one (POL-A-002)."""
    with transaction.atomic():
        # Lock the user row so two simultaneous sign-ins cannot both keep 5 others.
        User.objects.select_for_update().filter(pk=user.pk).first()
        device = DeviceSession(
            user=user,
            name=(name or _device_name(user_agent))[:200],
            ip_address=ip_address,
            user_agent=user_agent[:400],
        )
        tokens = token_pair_issue(user=user, session_id=device.id)
        device.refresh_jti = tokens.refresh_jti
        device.save()
        active = DeviceSession.objects.filter(user=user, revoked_at__isnull=True)
        surplus = active.order_by("-last_used_at", "-created_at")[settings.MAX_ACTIVE_DEVICES :]
        surplus_ids = list(surplus.values_list("id", flat=True))
        if surplus_ids:
            _revoke(DeviceSession.objects.filter(id__in=surplus_ids), reason="device_limit")
    return SignIn(user=user, device=device, tokens=tokens)


def token_refresh(*, raw_refresh: str, allow_grace: bool = False) -> TokenPair:
    """Rotate: a new pair for the current refresh token; presenting a retired one revokes the
    whole device session (POL-A-003). `allow_grace` (browser only) lets a token retired in the
    last few seconds by a parallel request get an access token, with no new refresh token."""
    token = refresh_token_decode(raw_refresh)
    now = timezone.now()
    with transaction.atomic():
        device = (
            DeviceSession.objects.select_for_update()
            .select_related("user")
            .filter(pk=token.get("sid"), revoked_at__isnull=True)
            .first()
        )
        if device is None or not device.user.is_active:
            raise AuthenticationFailed(_("This session has ended; sign in again."))
        jti = token["jti"]
        if jti == device.refresh_jti:
            tokens = token_pair_issue(user=device.user, session_id=device.id)
            device.previous_refresh_jti = device.refresh_jti
            device.refresh_jti = tokens.refresh_jti
            device.rotated_at = device.last_used_at = now
            device.save(
                update_fields=["previous_refresh_jti", "refresh_jti", "rotated_at", "last_used_at"]
            )
            return tokens
        in_grace = (
            allow_grace
            and jti == device.previous_refresh_jti
            and device.rotated_at is not None
            and now - device.rotated_at < REFRESH_REUSE_GRACE
        )
        if in_grace:
            access = token.access_token
            return TokenPair(
                access=str(access),
                refresh="",
                refresh_jti="",
                access_expires_in=int(access.lifetime.total_seconds()),
                refresh_expires_in=0,
            )
        _revoke(DeviceSession.objects.filter(pk=device.pk), reason="refresh_reuse")
    # Reached only after the revocation above has committed.
    metrics.login_failed("refresh_reuse")
    raise AuthenticationFailed(_("This refresh token was already used; the device is signed out."))


def device_session_revoke(*, user: User, device_id: UUID | str) -> None:
    """Sign one of the user's devices out at once (POL-A-002)."""
    devices = DeviceSession.objects.filter(user=user, pk=device_id, revoked_at__isnull=True)
    if not _revoke(devices, reason="revoked"):
        raise NotFound(_("No such active device."))


def device_session_end(*, session_id: UUID | str) -> None:
    """Sign-out: the device's access and refresh tokens stop working at once."""
    _revoke(DeviceSession.objects.filter(pk=session_id, revoked_at__isnull=True), reason="logout")


class WrongPassword(DomainError):
    type_slug = "wrong-password"


def user_password_change(
    *, user: User, old_password: str, new_password: str, ip_address: str | None = None
) -> None:
    """The change-password form: the current password is a guess like a sign-in, throttled
    per account and per IP before it is checked (POL-A-005); then user_password_set."""
    throttle_hit(
        (PASSWORD_CHANGE, str(user.pk)),
        (SIGNIN_IP, ip_address),
        detail=_("Too many wrong current passwords; try again later."),
    )
    if not user.check_password(old_password):
        raise WrongPassword(_("Your current password is not correct."), field="old_password")
    throttle_reset(PASSWORD_CHANGE, str(user.pk))
    throttle_undo(SIGNIN_IP, ip_address)
    user_password_set(user=user, new_password=new_password)


def user_password_set(*, user: User, new_password: str) -> None:
    """Set a new password and sign out every device, the current one included (POL-A-002):
    every token issued before the change stops working at once. The page that changed it
    then opens a fresh device session for the browser in front of it."""
    password_validate(new_password, user=user, field="new_password")
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        _revoke(
            DeviceSession.objects.filter(user=user, revoked_at__isnull=True),
            reason="password_change",
        )


class ResetLinkInvalid(DomainError):
    type_slug = "reset-link-invalid"
    title = "Invalid reset link"


def password_reset_request(*, email: str, ip_address: str | None, language: str = "") -> None:
    """POL-PRIV-001: queue the reset email for this address. The answer — and the work done
    here — is the same whether or not an account uses it (POL-A-005): the task looks the
    account up. Throttled per address and per IP like sign-in (ADR 0038)."""
    email = User.objects.normalize_email((email or "").strip()).lower()
    throttle_hit(
        (PASSWORD_RESET_EMAIL, email),
        (PASSWORD_RESET_IP, ip_address),
        detail=_("Too many reset requests; try again later."),
    )
    from accounts.tasks import password_reset_email_send  # tasks import the models

    transaction.on_commit(
        lambda: password_reset_email_send.enqueue(email=email, language=language or "ko")
    )


def password_reset_user(*, uidb64: str, token: str, for_update: bool = False) -> User:
    """The user a reset link is for, if the link is genuine, unused and not expired: the
    token is Django's (an HMAC over the user's id, password hash, last sign-in and its
    time), so setting a password spends it and PASSWORD_RESET_TIMEOUT ends it."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        pk = None
    users = User.objects.select_for_update() if for_update else User.objects
    user = users.filter(pk=pk, is_active=True).first() if pk else None
    if user is None or not default_token_generator.check_token(user, token):
        raise ResetLinkInvalid(_("This link is invalid, already used or expired."))
    return user


def password_reset_confirm(*, uidb64: str, token: str, new_password: str) -> User:
    """Set the new password through user_password_set: every device is signed out. The
    user's row is locked before the token is checked, so two uses of one link at once are
    one success and one invalid link."""
    with transaction.atomic():
        user = password_reset_user(uidb64=uidb64, token=token, for_update=True)
        user_password_set(user=user, new_password=new_password)
    return user


def user_account_delete(*, user: User, password: str, ip_address: str | None = None) -> None:
    """Delete my account (POL-PRIV-001, ADR 0072), confirmed by the password (a guess like a
    sign-in, throttled the same way). In one transaction: every app erases or anonymises
    its part (accounts.personal_data), every device is signed out and forgotten, consents
    and follows go, and the user row stays as an anonymous, inactive placeholder so that the
    records others must keep (applications, orders, the ledger) stay whole."""
    throttle_hit(
        (ACCOUNT_DELETE, str(user.pk)),
        (SIGNIN_IP, ip_address),
        detail=_("Too many wrong passwords; try again later."),
    )
    if not user.check_password(password):
        raise WrongPassword(_("Your password is not correct."), field="password")
    throttle_reset(ACCOUNT_DELETE, str(user.pk))
    throttle_undo(SIGNIN_IP, ip_address)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        for part in personal_data.parts():
            if part.erase is not None:
                part.erase(user)
        _revoke(
            DeviceSession.objects.filter(user=user, revoked_at__isnull=True),
            reason="account_deleted",
        )
        DeviceSession.objects.filter(user=user).delete()
        Consent.objects.filter(user=user).delete()
        CompanyFollow.objects.filter(user=user).delete()
        user.email = f"deleted-{user.pk}@deleted.invalid"
        user.name = ""
        user.set_unusable_password()
        user.is_active = False
        user.deleted_at = timezone.now()
        user.save(update_fields=["email", "name", "password", "is_active", "deleted_at"])


def user_deactivate(*, user: User) -> None:
    """Admin action: the account can no longer sign in and its devices stop at once."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        _revoke(
            DeviceSession.objects.filter(user=user, revoked_at__isnull=True), reason="deactivated"
        )


def device_session_revoke_any(*, devices: QuerySet[DeviceSession]) -> int:
    """Admin action: revoke the given devices of any user."""
    return _revoke(devices.filter(revoked_at__isnull=True), reason="admin")


def _revoke(devices: QuerySet[DeviceSession], *, reason: str) -> int:
    rows = list(devices.values_list("id", "user_id"))
    if not rows:
        return 0
    ids = [device_id for device_id, _user in rows]
    with transaction.atomic():
        DeviceSession.objects.filter(id__in=ids).update(
            revoked_at=timezone.now(), revoke_reason=reason
        )
        # The version every cached "active" answer is checked against (ADR 0038).
        User.objects.filter(pk__in={user for _id, user in rows}).update(
            devices_version=F("devices_version") + 1
        )
        device_forget(ids)
    transaction.on_commit(lambda: device_mark_revoked(ids))
    return len(ids)


def _device_name(user_agent: str) -> str:
    ua = user_agent or ""
    browser = next((b for b in ("Edg", "Chrome", "Firefox", "Safari") if b in ua), "")
    system = next(
        (s for s in ("Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux") if s in ua), ""
    )
    label = " on ".join(p for p in (browser.replace("Edg", "Edge"), system) if p)
    return label or (ua[:60] if ua else "Unknown device")
