"""JWT pairs via simplejwt. Both tokens carry `sid` (the device session) and `role`; the
backend adds `iss`/`aud` and checks them, with a one-algorithm allow-list (POL-A-001)."""

from dataclasses import dataclass

from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.exceptions import AuthenticationFailed


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str
    refresh_jti: str
    access_expires_in: int
    refresh_expires_in: int


def token_pair_issue(*, user, session_id) -> TokenPair:
    refresh = RefreshToken.for_user(user)
    refresh["sid"] = str(session_id)
    refresh["role"] = user.role
    access = refresh.access_token
    return TokenPair(
        access=str(access),
        refresh=str(refresh),
        refresh_jti=refresh["jti"],
        access_expires_in=int(access.lifetime.total_seconds()),
        refresh_expires_in=int(refresh.lifetime.total_seconds()),
    )


def access_token_issue(*, refresh: RefreshToken) -> str:
    return str(refresh.access_token)


def refresh_token_decode(raw: str) -> RefreshToken:
    try:
        return RefreshToken(raw)  # type: ignore[arg-type]  # the stubs omit str; verifies signature, exp, iss, aud and typ == "refresh"
    except TokenError as exc:
        raise AuthenticationFailed("The refresh token is invalid or expired.") from exc


def access_token_decode(raw: str) -> AccessToken:
    try:
        return AccessToken(raw)  # type: ignore[arg-type]  # (as above); a refresh token fails here: its typ is not "access"
    except TokenError as exc:
        raise AuthenticationFailed("The access token is invalid or expired.") from exc
