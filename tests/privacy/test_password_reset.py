"""POL-PRIV-001: password reset by a signed, single-use, expiring link sent through the task
queue; the same answer whether the email exists or not (POL-A-005); throttled like sign-in;
the new password signs out every device (POL-A-002)."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import DeviceSession
from accounts.tests.factories import JobseekerFactory
from applications.tests.helpers import run_worker
from conftest import sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-pass-phrase"


def _ask(client, email):
    return client.post("/accounts/password/reset/", {"email": email})


def _link(django_capture_on_commit_callbacks, client, email) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, email)
    run_worker()
    [message] = mail.outbox
    return re.search(r"http://\S+/accounts/password/reset/\S+/", message.body).group(0)


def test_the_answer_is_the_same_whether_the_email_exists__POL_PRIV_001(
    django_capture_on_commit_callbacks,
):
    user = JobseekerFactory()
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        known = _ask(client, user.email)
        unknown = _ask(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/sent/"
    assert "email" not in known["Location"]
    run_worker()  # the email goes out through the task queue, only to the real account
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_the_link_sets_a_new_password_and_signs_out_every_device__POL_PRIV_001(
    django_capture_on_commit_callbacks,
):
    user = JobseekerFactory()
    sign_in(user)
    link = _link(django_capture_on_commit_callbacks, Client(), user.email)
    path = link.split("://", 1)[1].split("/", 1)[1]
    browser = Client()
    assert "new_password" in browser.get(f"/{path}").content.decode()
    response = browser.post(
        f"/{path}", {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_the_link_works_once__POL_PRIV_001(django_capture_on_commit_callbacks):
    user = JobseekerFactory()
    link = _link(django_capture_on_commit_callbacks, Client(), user.email)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    data = {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}
    assert Client().post(path, data).status_code == 302
    again = Client().post(path, {**data, "new_password": "x" + NEW_PASSWORD})
    assert again.status_code == 200
    assert 'name="new_password"' not in again.content.decode()  # the link is spent
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_the_link_expires__POL_PRIV_001(django_capture_on_commit_callbacks, settings):
    user = JobseekerFactory()
    link = _link(django_capture_on_commit_callbacks, Client(), user.email)
    settings.PASSWORD_RESET_TIMEOUT = -1  # as if the hour had passed
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page = Client().get(path)
    assert 'name="new_password"' not in page.content.decode()


def test_a_forged_link_does_nothing():
    user = JobseekerFactory()
    page = Client().post(
        "/accounts/password/reset/MQ/1-forged/",
        {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD},
    )
    assert page.status_code == 200
    user.refresh_from_db()
    assert not user.check_password(NEW_PASSWORD)


def test_requests_are_throttled_like_sign_in__POL_A_005(settings):
    settings.SIGNIN_MAX_FAILURES_PER_EMAIL = 2
    client = Client()
    for _ in range(2):
        assert _ask(client, "someone@example.com").status_code == 302
    refused = _ask(client, "someone@example.com")
    assert refused.status_code == 429
    assert refused["Retry-After"]


def test_the_api_answers_the_same_and_resets__POL_PRIV_001(
    api_client, django_capture_on_commit_callbacks
):
    user = JobseekerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        known = api_client.post("/api/v1/auth/password-reset", {"email": user.email})
        unknown = api_client.post("/api/v1/auth/password-reset", {"email": "no@example.com"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    run_worker()
    uid, token = re.search(r"/password/reset/([^/]+)/([^/]+)/", mail.outbox[0].body).groups()
    weak = api_client.post(
        "/api/v1/auth/password-reset/confirm", {"uid": uid, "token": token, "new_password": "1234"}
    )
    assert weak.status_code == 400
    assert len(weak.json()["errors"]["new_password"]) >= 2  # each broken rule on its own
    done = api_client.post(
        "/api/v1/auth/password-reset/confirm",
        {"uid": uid, "token": token, "new_password": NEW_PASSWORD},
    )
    assert done.status_code == 204
    used = api_client.post(
        "/api/v1/auth/password-reset/confirm",
        {"uid": uid, "token": token, "new_password": "y" + NEW_PASSWORD},
    )
    assert used.status_code == 400
