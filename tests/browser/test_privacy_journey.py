"""POL-PRIV-001 and POL-S-002 in a real Chromium: a password reset end to end (the email
goes through the task queue), and a saved search producing one digest email whose
unsubscribe link works without signing in."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import DeviceSession
from accounts.tests.factories import JobseekerFactory
from alerts.digests import digests_send_due
from alerts.models import Frequency, SavedSearch
from applications.tests.helpers import run_worker
from jobs.tests.factories import PublishedJobFactory
from tests.browser.conftest import sign_in_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NEW_PASSWORD = "a-brand-new-pass-phrase"


@pytest.fixture
def contexts(browser):
    opened = []

    def new():
        context = browser.new_context(locale="ko-KR")
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()


def test_password_reset_end_to_end__POL_PRIV_001(contexts, live_server, console_errors, page):
    user = JobseekerFactory(name="이서연")
    signed_in_elsewhere = contexts()
    sign_in_context(signed_in_elsewhere, live_server, user)

    page.goto(live_server.url + "/accounts/login/")
    with page.expect_navigation():
        page.click("a[href='/accounts/password/reset/']")
    page.fill("#id_email", user.email)
    with page.expect_navigation():
        page.click("form[action='/accounts/password/reset/'] button[type=submit]")
    sent_for_known = page.locator("[role=status]").inner_text()
    assert user.email not in page.url

    # An unknown address gets the very same page.
    page.goto(live_server.url + "/accounts/password/reset/")
    page.fill("#id_email", "nobody@example.com")
    with page.expect_navigation():
        page.click("form[action='/accounts/password/reset/'] button[type=submit]")
    assert page.locator("[role=status]").inner_text() == sent_for_known

    run_worker()  # the worker sends the email: one, to the real account
    [message] = mail.outbox
    assert message.to == [user.email]
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    page.goto(live_server.url + path)
    page.fill("#id_new_password", NEW_PASSWORD)
    page.fill("#id_new_password_again", NEW_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == live_server.url + "/accounts/login/"
    # Every device was signed out (POL-A-002), the other browser included.
    assert not DeviceSession.objects.filter(user=user, revoked_at__isnull=True).exists()

    page.fill("#id_email", user.email)
    page.fill("#id_password", NEW_PASSWORD)
    with page.expect_navigation():
        page.click("form[action='/accounts/login/'] button[type=submit]")
    assert page.locator(".account-name").inner_text() == "이서연"

    # The link worked once.
    page.goto(live_server.url + path)
    assert page.locator("[role=alert]").is_visible()
    assert console_errors == []


def test_saved_search_digest_and_unsubscribe__POL_S_002(contexts, live_server):
    seeker = JobseekerFactory()
    context = contexts()
    sign_in_context(context, live_server, seeker)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/jobs/?q=백엔드")
    page.select_option("#save-search-frequency", "daily")
    with page.expect_navigation():
        page.click("form.save-search button[type=submit]")
    assert page.url == live_server.url + "/alerts/searches/"
    search = SavedSearch.objects.get(user=seeker)
    assert search.filters == {"q": "백엔드"}
    assert "백엔드" in page.locator(".saved-search h2").inner_text()
    assert errors == []

    # The search was saved before yesterday began; a matching job was published yesterday.
    now = timezone.now()
    SavedSearch.objects.filter(pk=search.pk).update(created_at=now - timedelta(days=3))
    yesterday = timezone.localtime(now) - timedelta(days=1)
    job = PublishedJobFactory(title="백엔드 개발자 (Django)", published_at=yesterday)
    PublishedJobFactory(title="그래픽 디자이너", published_at=yesterday)

    assert digests_send_due(now=now).sent == 1
    assert digests_send_due(now=now).sent == 0  # run again: never twice for the period
    [message] = mail.outbox
    assert message.to == [seeker.email]
    assert job.title in message.body
    assert "디자이너" not in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in message.body

    # Someone with the email, not signed in, in another browser.
    guest = contexts().new_page()
    guest.goto(live_server.url + "/" + unsubscribe.split("://", 1)[1].split("/", 1)[1])
    with guest.expect_navigation():
        guest.click("main form button[type=submit]")
    assert guest.locator("[role=status]").is_visible()
    search.refresh_from_db()
    assert search.frequency == Frequency.NEVER
    PublishedJobFactory(title="백엔드 엔지니어", published_at=timezone.now())
    assert digests_send_due(now=now + timedelta(days=1)).sent == 0
    assert len(mail.outbox) == 1
