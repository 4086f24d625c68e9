"""Issue #13's sign-in edge cases, each found from outside and each failing before the fix:
an atomic throttle, the password-change form throttled like sign-in, and the CSRF token
rotated at sign-in and sign-out (POL-A-005). Revocation while Redis was unreachable is in
test_device_state.py."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client

from accounts.exceptions import AuthenticationFailed, TooManyAttempts
from accounts.services import user_sign_in
from accounts.tests.factories import PASSWORD, JobseekerFactory

pytestmark = pytest.mark.django_db

PARALLEL = 50


def _burst(attempt, count=PARALLEL):
    """Run `attempt()` from `count` threads released at the same instant; returns what each
    raised (or None)."""
    start = threading.Barrier(count)

    def one(_):
        start.wait()
        try:
            attempt()
        except Exception as exc:  # noqa: BLE001 - the outcome is what we count
            return type(exc)
        finally:
            connection.close()
        return None

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def test_a_burst_of_parallel_guesses_checks_exactly_the_limit__POL_A_005(settings):
    """50 wrong passwords for one email at once: exactly SIGNIN_MAX_FAILURES_PER_EMAIL (5)
    are checked, every other one is refused before any hashing. With a count read first and
    incremented later, 6–9 got through. Runs against the `guard` cache: Redis in CI."""
    settings.SIGNIN_MAX_FAILURES_PER_IP = 1000  # this test is about the email's limit

    def guess():
        user_sign_in(email="target@example.com", password="wrong-guess", ip_address="203.0.113.9")

    outcomes = _burst(guess)
    assert outcomes.count(AuthenticationFailed) == 5
    assert outcomes.count(TooManyAttempts) == PARALLEL - 5


def test_a_burst_from_one_address_checks_exactly_its_limit__POL_A_005(settings):
    settings.SIGNIN_MAX_FAILURES_PER_IP = 7

    def guess():
        email = f"someone{threading.get_ident()}@example.com"
        user_sign_in(email=email, password="wrong-guess", ip_address="198.51.100.20")

    outcomes = _burst(guess)
    assert outcomes.count(AuthenticationFailed) == 7
    assert outcomes.count(TooManyAttempts) == PARALLEL - 7


NEW_PASSWORD = "a-new-long-phrase"


def _change(client, old_password):
    return client.post(
        "/accounts/password/",
        {
            "old_password": old_password,
            "new_password": NEW_PASSWORD,
            "new_password_again": NEW_PASSWORD,
        },
    )


def test_password_change_form_is_throttled_like_sign_in__POL_A_005(browser_client_for):
    """Twelve wrong current passwords in a row were all answered 200 with a form error."""
    user = JobseekerFactory()
    browser = browser_client_for(user)
    for _ in range(5):
        response = _change(browser, "wrong-guess")
        assert response.status_code == 200
        assert "old_password" in response.context["form"].errors
    throttled = _change(browser, PASSWORD)  # even the right one, until the window closes
    assert throttled.status_code == 429
    assert 0 < int(throttled["Retry-After"]) <= 15 * 60
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_right_current_password_clears_the_count__POL_A_005(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    for _ in range(4):
        _change(browser, "wrong-guess")
    response = _change(browser, PASSWORD)
    assert response.status_code == 302
    # Signed in again with fresh cookies by the change itself (POL-A-002), and clean again:
    for _ in range(4):
        assert _change(browser, "wrong-guess").status_code == 200


def _csrf(response_or_client):
    return response_or_client.cookies["csrftoken"].value


def test_csrf_token_is_rotated_at_sign_in_and_sign_out(client):
    """A token a page held before sign-in (or an attacker planted) must not survive it."""
    client = Client(enforce_csrf_checks=True)
    user = JobseekerFactory()
    before = _csrf(client.get("/accounts/login/"))
    signed_in = client.post(
        "/accounts/login/",
        {"email": user.email, "password": PASSWORD, "csrfmiddlewaretoken": before},
    )
    assert signed_in.status_code == 302
    after_sign_in = _csrf(signed_in)
    assert after_sign_in != before
    signed_out = client.post("/accounts/logout/", {"csrfmiddlewaretoken": after_sign_in})
    assert signed_out.status_code == 302
    assert _csrf(signed_out) not in (before, after_sign_in)
