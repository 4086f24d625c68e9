import contextlib

from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError

from accounts.authentication import user_from_access_token
from accounts.cookies import ACCESS_COOKIE, REFRESH_COOKIE, clear_token_cookies, set_token_cookies
from accounts.exceptions import AuthenticationFailed
from accounts.services import token_refresh


class JWTAuthenticationMiddleware(AuthenticationMiddleware):
    """Sets request.user from the JWT cookies (no session rows, POL-A-001). An expired or
    missing access cookie is renewed from the refresh cookie without the user noticing.

    Subclasses Django's AuthenticationMiddleware so admin's system checks accept it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = AnonymousUser()
        request.jwt_cookie_user = None
        request.jwt_payload = None
        renewed = None
        cleared = False
        access = request.COOKIES.get(ACCESS_COOKIE)
        refresh = request.COOKIES.get(REFRESH_COOKIE)
        if access:
            # An invalid access cookie falls through to the refresh cookie; a database
            # outage leaves the request anonymous and the view answers 503 itself.
            with contextlib.suppress(AuthenticationFailed, DatabaseError):
                self._sign_in(request, access)
        if request.jwt_cookie_user is None and refresh:
            try:
                renewed = token_refresh(raw_refresh=refresh, allow_grace=True)
                self._sign_in(request, renewed.access)
            except AuthenticationFailed:
                renewed, cleared = None, True
            except DatabaseError:
                renewed = None  # the database is down: stay anonymous, keep the cookies
        response = self.get_response(request)
        if ACCESS_COOKIE in response.cookies:
            return response  # the view signed in or out itself; its cookies win
        if renewed is not None:
            set_token_cookies(response, renewed)
        elif cleared:
            clear_token_cookies(response)
        return response

    @staticmethod
    def _sign_in(request, raw_access: str) -> None:
        user, payload = user_from_access_token(raw_access)
        request.user = request.jwt_cookie_user = user
        request.jwt_payload = payload
