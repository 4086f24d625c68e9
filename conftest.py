"""Fixtures shared by every app's tests.

`api_client` / `api_client_for(user)` are DRF clients whose every response is validated
against openapi/api-spec.yaml; `browser_client_for(user)` is a Django client signed in with
the JWT cookies, exactly as a browser would be (POL-A-001)."""

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from accounts.cookies import set_token_cookies
from accounts.services import device_session_start
from jobboard.cache import reset_breakers
from jobs.selectors import forget_reference_rows
from tests.contract.spec import assert_response_matches_spec


class SpecCheckedAPIClient(APIClient):
    def request(self, **kwargs):
        response = super().request(**kwargs)
        assert_response_matches_spec(response)
        return response


def sign_in(user, *, name="pytest"):
    return device_session_start(user=user, name=name, ip_address="127.0.0.1", user_agent="pytest")


@pytest.fixture(autouse=True)
def _clear_caches():
    reset_breakers()  # every test starts with closed circuits (ADR 0033)
    for alias in ("default", "guard"):
        caches[alias].clear()
    # What this process keeps of locations, categories and skills: a test's rows roll back
    # with it, and SQLite gives the next test's rows the same ids.
    forget_reference_rows()
    return


@pytest.fixture
def api_client():
    return SpecCheckedAPIClient()


@pytest.fixture
def api_client_for():
    def make(user):
        client = SpecCheckedAPIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {sign_in(user).tokens.access}")
        return client

    return make


@pytest.fixture
def browser_client_for():
    from django.http import HttpResponse
    from django.test import Client

    def make(user):
        browser = Client()
        carrier = HttpResponse()
        set_token_cookies(carrier, sign_in(user, name="browser").tokens)
        for name, morsel in carrier.cookies.items():
            browser.cookies[name] = morsel.value
        return browser

    return make
