"""The browser's copy of the JWT pair: HttpOnly, SameSite=Lax, Secure outside local
development (POL-A-001)."""

from django.conf import settings

ACCESS_COOKIE = "jb_access"
REFRESH_COOKIE = "jb_refresh"


def set_token_cookies(response, tokens) -> None:
    common = {
        "httponly": True,
        "samesite": "Lax",
        "secure": settings.JWT_COOKIE_SECURE,
        "path": "/",
    }
    response.set_cookie(ACCESS_COOKIE, tokens.access, max_age=tokens.access_expires_in, **common)
    if tokens.refresh:
        response.set_cookie(
            REFRESH_COOKIE, tokens.refresh, max_age=tokens.refresh_expires_in, **common
        )


def clear_token_cookies(response) -> None:
    for name in (ACCESS_COOKIE, REFRESH_COOKIE):
        response.delete_cookie(name, path="/", samesite="Lax")
