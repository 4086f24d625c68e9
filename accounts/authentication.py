"""Who is calling: one path for API bearer tokens and browser cookies (POL-A-001)."""

from functools import cache as cache_once
from typing import Any

from django.db.models import Exists, QuerySet
from rest_framework import authentication, exceptions
from rest_framework.authentication import CSRFCheck

from accounts.backends import RolePermissionBackend
from accounts.device_state import device_is_active
from accounts.exceptions import AuthenticationFailed
from accounts.models import DeviceSession, User
from accounts.tokens import access_token_decode

# What else the signed-in user's row carries, so that a request reads its user once (issue
# 17's budget of 4 queries per page): name → expression over the user row. Apps add theirs
# from AppConfig.ready() (applications: the header's unread count); accounts imports none.
SIGNED_IN_ANNOTATIONS: dict[str, Any] = {}


@cache_once
def _users_as_signed_in() -> QuerySet[User]:
    """Users with what a signed-in request reads of them. Built once per process (on the
    first sign-in, after every app's ready() has added its annotations) and cloned by each
    request: resolving these subqueries again on every signed-in request cost more than
    running them (issue 17)."""
    return User.objects.select_related("company").annotate(
        permission_codes=RolePermissionBackend.permission_codes(), **SIGNED_IN_ANNOTATIONS
    )


def user_from_access_token(raw: str) -> tuple[User, dict]:
    """Validate an access token (signature, exp, iss, aud, typ) and its device session. One
    query reads the user with its company, whether the device session is still active (used
    when the device-state cache cannot answer), its permissions and SIGNED_IN_ANNOTATIONS."""
    token = access_token_decode(raw)
    sid = token.get("sid")
    if not sid:
        raise AuthenticationFailed("This session has been signed out.")
    device = DeviceSession.objects.filter(pk=sid, revoked_at__isnull=True)
    users = _users_as_signed_in().annotate(device_active=Exists(device))
    user: Any = next(iter(users.filter(pk=token.get("sub"), is_active=True)), None)
    if user is None:
        raise AuthenticationFailed("This account is not active.")
    if not device_is_active(sid, user.devices_version, read=user.device_active):
        raise AuthenticationFailed("This session has been signed out.")
    RolePermissionBackend.remember(user, user.permission_codes)
    return user, token.payload


class JWTAuthentication(authentication.BaseAuthentication):
    """DRF: `Authorization: Bearer <access>`; otherwise the user the browser middleware found
    in the cookies, with CSRF enforced on unsafe methods (cookies are ambient credentials)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if header:
            if header[0].decode("latin-1").lower() != self.keyword.lower() or len(header) != 2:
                raise exceptions.AuthenticationFailed("Use: Authorization: Bearer <access token>.")
            try:
                user, payload = user_from_access_token(header[1].decode("latin-1"))
            except AuthenticationFailed as exc:
                raise exceptions.AuthenticationFailed(exc.detail) from exc
            request._request.jwt_payload = payload
            return user, payload
        django_request = request._request
        cookie_user = getattr(django_request, "jwt_cookie_user", None)
        if cookie_user is None:
            return None
        self._enforce_csrf(django_request)
        return cookie_user, django_request.jwt_payload

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'

    @staticmethod
    def _enforce_csrf(request):
        check = CSRFCheck(lambda req: None)
        check.process_request(request)
        reason = check.process_view(request, None, (), {})
        if reason:
            raise exceptions.PermissionDenied(f"CSRF Failed: {reason}")
