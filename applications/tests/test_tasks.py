"""POL-AP-004: notification emails go through the durable queue and are never lost."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from applications import services
from applications.models import Notification
from applications.tasks import backoff, send_notification_email
from applications.tests.factories import ApplicationFactory
from applications.tests.helpers import advance_clock, run_worker
from applications.tests.mailserver import MailServer
from candidates.tests.factories import pdf_upload
from jobboard.task_recovery import requeue_stale_tasks
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server(settings):
    settings.EMAIL_BACKEND = "applications.tests.mailserver.FlakyEmailBackend"
    MailServer.down, MailServer.attempts = False, 0
    yield MailServer
    MailServer.down = False


def move(application, stage):
    return services.application_move_stage(
        application_id=application.pk, actor=application.job.owner, stage=stage
    )


def test_every_stage_change_emails_the_applicant_in_korean__POL_AP_004(mail_server):
    application = ApplicationFactory(job__title="데이터 엔지니어")
    move(application, "screening")
    run_worker()
    [message] = mail.outbox
    assert message.to == [application.applicant.email]
    assert "데이터 엔지니어" in message.subject
    assert "서류 검토" in message.subject
    assert "서류 검토" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="ko">' in html
    assert "/applications/mine/" in html
    notification = Notification.objects.get(user=application.applicant)
    assert notification.emailed_at is not None
    assert notification.email_attempts == 1


def test_new_application_emails_the_owner_in_the_applicants_language__POL_AP_004(mail_server):
    from django.utils import translation

    from accounts.tests.factories import JobseekerFactory

    job = PublishedJobFactory(title="QA & Test")
    with translation.override("en"):
        services.application_submit(job=job, applicant=JobseekerFactory(), resume=pdf_upload())
    run_worker()
    [message] = mail.outbox
    assert message.to == [job.owner.email]
    assert message.subject == "[jobboard] New applicant for “QA & Test”"  # no HTML escaping
    assert "QA &amp; Test" in message.alternatives[0][0]


def test_mail_outage_loses_nothing_and_delivers_after_recovery__POL_AP_004(mail_server):
    applications = [ApplicationFactory() for _ in range(3)]
    mail_server.down = True
    for application in applications:
        move(application, "screening")
    run_worker()
    assert mail.outbox == []
    assert mail_server.attempts == 3
    failed = Notification.objects.filter(emailed_at__isnull=True)
    assert failed.count() == 3
    assert all("SMTPServerDisconnected" in n.email_last_error for n in failed)
    retries = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert retries.count() == 3
    assert all(r.run_after > timezone.now() for r in retries), "retries wait for their backoff"
    run_worker()  # not due yet: nothing is tried again
    assert mail_server.attempts == 3

    advance_clock()
    run_worker()  # still down: a second attempt each, a third queued
    assert mail_server.attempts == 6
    assert mail.outbox == []

    mail_server.down = False
    advance_clock()
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.applicant.email for a in applications)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert set(Notification.objects.values_list("email_attempts", flat=True)) == {3}
    advance_clock()
    run_worker()
    assert len(mail.outbox) == 3, "delivered once, not again"


def test_backoff_is_exponential_and_capped(settings):
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 30
    settings.NOTIFICATION_RETRY_MAX_DELAY_SECONDS = 3600
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20) == timedelta(hours=1)


def test_gives_up_after_max_attempts_and_admin_can_requeue__POL_AP_004(mail_server, settings):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    application = ApplicationFactory()
    mail_server.down = True
    move(application, "screening")
    run_worker()
    advance_clock()
    run_worker()
    notification = Notification.objects.get(user=application.applicant)
    assert notification.email_failed_at is not None
    assert notification.email_attempts == 2
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_crash_between_change_and_send_never_loses_the_email__POL_AP_004(mail_server):
    """The change commits with its task row; no worker runs (crashed) — a later worker
    still finds and sends it."""
    application = ApplicationFactory()
    move(application, "screening")
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    run_worker()
    assert len(mail.outbox) == 1


def test_task_left_running_by_a_crashed_worker_is_requeued__POL_AP_004(mail_server):
    application = ApplicationFactory()
    move(application, "screening")
    row = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    row.claim("crashed-worker")  # claimed, then the worker died mid-task
    run_worker()
    assert mail.outbox == [], "a RUNNING row is never picked up again by itself"
    assert requeue_stale_tasks(older_than_seconds=600) == 0  # too recent: maybe still alive
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert requeue_stale_tasks() == 1
    run_worker()
    assert len(mail.outbox) == 1


def test_repeated_task_sends_once__POL_AP_004(mail_server):
    """At least once, deduplicated by Notification.emailed_at: a task run twice (e.g. a
    re-queued one whose first run did finish) sends one email."""
    application = ApplicationFactory()
    move(application, "screening")
    run_worker()
    notification = Notification.objects.get(user=application.applicant)
    send_notification_email.enqueue(notification.pk)
    run_worker()
    assert len(mail.outbox) == 1
