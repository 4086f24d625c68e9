"""Saved-job deadline reminders (POL-S-002): 3 days and 1 day before, once each, never for
상시채용, through the notification outbox (POL-AP-004)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.tests.factories import JobseekerFactory
from applications.models import Notification, NotificationKind
from applications.reminders import reminder_windows, saved_job_reminders_send
from applications.tasks import send_saved_job_reminders
from applications.tests.helpers import run_worker
from candidates.models import SavedJob, SavedJobReminder
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def _save(job, user=None):
    return SavedJob.objects.create(user=user or JobseekerFactory(), job=job)


def test_windows_cover_each_day_once():
    today = timezone.localdate()
    assert reminder_windows(today) == [
        (3, today + timedelta(days=2), today + timedelta(days=3)),
        (1, today, today + timedelta(days=1)),
    ]


def test_three_days_and_one_day_before__POL_S_002(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    saved = _save(PublishedJobFactory(title="마감 임박", deadline=today + timedelta(days=3)))
    assert saved_job_reminders_send(today=today) == 1
    assert saved_job_reminders_send(today=today + timedelta(days=1)) == 0  # D-2: already told
    assert saved_job_reminders_send(today=today + timedelta(days=2)) == 1  # D-1
    sent = SavedJobReminder.objects.order_by("-days_before").values_list("days_before", flat=True)
    assert list(sent) == [3, 1]
    notification = Notification.objects.filter(user=saved.user).first()
    assert notification.kind == NotificationKind.SAVED_JOB_DEADLINE
    assert notification.link == f"/jobs/{saved.job_id}/"
    assert "마감 임박" in notification.text


def test_running_twice_sends_once__POL_S_002():
    today = timezone.localdate()
    _save(PublishedJobFactory(deadline=today + timedelta(days=1)))
    assert saved_job_reminders_send(today=today) == 1
    assert saved_job_reminders_send(today=today) == 0
    assert Notification.objects.filter(kind=NotificationKind.SAVED_JOB_DEADLINE).count() == 1


def test_never_for_open_ended_or_closed_jobs__POL_S_002():
    today = timezone.localdate()
    _save(PublishedJobFactory(deadline=None))
    _save(ClosedJobFactory(deadline=today + timedelta(days=1)))
    _save(PublishedJobFactory(deadline=today + timedelta(days=5)))
    for offset in range(6):
        assert saved_job_reminders_send(today=today + timedelta(days=offset)) in (0, 1)
    assert not SavedJobReminder.objects.filter(saved_job__job__deadline=None).exists()
    assert not Notification.objects.filter(params__days=3, params__job="").exists()
    closed = SavedJob.objects.get(job__status="closed")
    assert not closed.reminders.exists()


def test_the_periodic_task_sends_the_email_in_korean__POL_S_002(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    today = timezone.localdate()
    saved = _save(PublishedJobFactory(title="이메일 공고", deadline=today + timedelta(days=1)))
    send_saved_job_reminders.enqueue()
    run_worker()
    [message] = mail.outbox
    assert message.to == [saved.user.email]
    assert "이메일 공고" in message.subject
    assert "1일 후" in message.subject
    assert f"/jobs/{saved.job_id}/" in message.body
