from django.conf import settings
from django.shortcuts import resolve_url


def login_url() -> str:
    """The accounts sign-in page (settings.LOGIN_URL)."""
    return resolve_url(settings.LOGIN_URL)
