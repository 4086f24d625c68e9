"""POL-S-002: one digest email per saved search per period, none when nothing is new,
followed companies' new jobs first, with a one-click unsubscribe link; never twice for a
period, however many runs overlap (ADR 0071)."""

import threading
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import CompanyFollow
from alerts.digests import digests_send_due, last_complete_period
from alerts.models import Digest, Frequency
from alerts.tests.factories import SavedSearchFactory
from jobs.models import Category, JobStatus, Location
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db

# A Tuesday morning in Seoul: yesterday is Monday 2026-11-23, last week is 2026-W47.
NOW = timezone.make_aware(datetime(2026, 11, 24, 9, 0))
YESTERDAY = NOW - timedelta(days=1)
LAST_WEEK = NOW - timedelta(days=5)


def _search(**kwargs):
    search = SavedSearchFactory(**kwargs)
    search.created_at = NOW - timedelta(days=30)
    search.save(update_fields=["created_at"])
    return search


def _job(published_at, **kwargs):
    return PublishedJobFactory(
        published_at=published_at, deadline=NOW.date() + timedelta(days=30), **kwargs
    )


def test_periods_are_days_and_iso_weeks_in_seoul():
    day = last_complete_period(Frequency.DAILY, NOW)
    week = last_complete_period(Frequency.WEEKLY, NOW)
    assert day.key == "2026-11-23"
    assert timezone.localtime(day.start).isoformat() == "2026-11-23T00:00:00+09:00"
    assert week.key == "2026-W47"
    assert timezone.localtime(week.start).date().isoformat() == "2026-11-16"
    assert week.end - week.start == timedelta(days=7)


def test_one_email_per_search_for_the_new_matching_jobs__POL_S_002():
    search = _search(filters={"q": "백엔드"})
    new = _job(YESTERDAY, title="백엔드 개발자")
    _job(NOW - timedelta(days=3), title="백엔드 옛 공고")  # before the period
    _job(YESTERDAY, title="디자이너")  # does not match
    run = digests_send_due(now=NOW)
    assert (run.sent, run.empty) == (1, 0)
    [message] = mail.outbox
    assert message.to == [search.user.email]
    assert new.title in message.body
    assert "옛 공고" not in message.body
    assert "디자이너" not in message.body
    digest = Digest.objects.get(search=search)
    assert (digest.period, digest.job_count, digest.sent_at is not None) == ("2026-11-23", 1, True)


def test_no_email_when_nothing_is_new__POL_S_002():
    search = _search()
    _job(NOW - timedelta(days=3))
    run = digests_send_due(now=NOW)
    assert (run.sent, run.empty, mail.outbox) == (0, 1, [])
    assert Digest.objects.get(search=search).job_count == 0  # looked at: not again


def test_never_twice_for_a_period_when_run_again__POL_S_002():
    _search()
    _job(YESTERDAY)
    digests_send_due(now=NOW)
    again = digests_send_due(now=NOW + timedelta(hours=1))
    assert again.sent == 0
    assert len(mail.outbox) == 1
    # The next day is a new period: a new job there is a new email.
    _job(NOW + timedelta(hours=2))
    assert digests_send_due(now=NOW + timedelta(days=1)).sent == 1


@pytest.mark.django_db(transaction=True)
def test_never_twice_when_runs_overlap__POL_S_002():
    """Four workers running the digest at the same moment: each search gets one email."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent claims need PostgreSQL (SQLite serialises writers)")
    # A transaction test starts from whatever an earlier one's flush left: the migrations'
    # reference rows the factories use may be gone.
    for model, code in ((Category, "software"), (Location, "seoul")):
        model.objects.get_or_create(code=code, defaults={"name_ko": code, "name_en": code})
    searches = [_search() for _ in range(5)]
    _job(YESTERDAY)
    barrier = threading.Barrier(4)
    errors = []

    def run():
        try:
            barrier.wait()
            digests_send_due(now=NOW)
        except Exception as exc:  # reported below: a thread's failure must fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.user.email for s in searches)


def test_followed_companies_come_first__POL_S_002():
    search = _search()
    first_published = _job(YESTERDAY - timedelta(hours=5), title="팔로우한 회사 공고")
    _job(YESTERDAY, title="최신 공고")
    CompanyFollow.objects.create(user=search.user, company=first_published.company)
    digests_send_due(now=NOW)
    body = mail.outbox[0].body
    assert body.index("팔로우한 회사 공고") < body.index("최신 공고")


def test_weekly_searches_get_last_weeks_jobs_once():
    search = _search(frequency=Frequency.WEEKLY)
    _job(LAST_WEEK, title="지난주 공고")
    _job(YESTERDAY, title="이번주 공고")  # Monday of this week: next week's digest
    run = digests_send_due(now=NOW)
    assert run.sent == 1
    assert "지난주 공고" in mail.outbox[0].body
    assert "이번주 공고" not in mail.outbox[0].body
    assert Digest.objects.get(search=search).period == "2026-W47"
    assert digests_send_due(now=NOW + timedelta(days=1)).sent == 0


def test_no_email_for_searches_switched_off_or_closed_jobs():
    _search(frequency=Frequency.NEVER)
    _job(YESTERDAY, status=JobStatus.CLOSED)
    _search()
    assert digests_send_due(now=NOW).sent == 0
    assert mail.outbox == []


def test_a_mail_server_failure_gives_the_period_back(settings, monkeypatch):
    search = _search()
    _job(YESTERDAY)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    assert digests_send_due(now=NOW).failed == 1
    assert not Digest.objects.filter(search=search).exists()
    monkeypatch.undo()
    assert digests_send_due(now=NOW).sent == 1


def test_the_unsubscribe_link_works_without_sign_in__POL_S_002():
    search = _search()
    _job(YESTERDAY)
    digests_send_due(now=NOW)
    message = mail.outbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = header.strip("<>")
    assert url in message.body
    path = url.split("://", 1)[1].split("/", 1)[1]
    guest = Client(enforce_csrf_checks=True)
    page = guest.get(f"/{path}")
    assert page.status_code == 200
    search.refresh_from_db()
    assert search.frequency == Frequency.DAILY  # a GET (a mail scanner) changes nothing
    # RFC 8058 one-click: the mail client POSTs, with no cookie and no CSRF token.
    done = guest.post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    search.refresh_from_db()
    assert search.frequency == Frequency.NEVER
    _job(NOW + timedelta(hours=1))
    assert digests_send_due(now=NOW + timedelta(days=1)).sent == 0


def test_a_forged_unsubscribe_link_is_not_found():
    search = _search()
    assert Client().get(f"/alerts/unsubscribe/{search.pk}:forged/").status_code == 404
