"""Email delivery of notifications (POL-AP-004) on django-tasks' database backend.

The task row (DBTaskResult) is written by the service in the same transaction as the
change, so a rollback takes it away and a commit makes it durable (ADR 0014). A failing
mail server is retried with exponential backoff: the task records the error on the
notification and enqueues its own next attempt with `run_after`, in one transaction.
Delivery is at least once; `Notification.emailed_at` makes repeats no-ops, except after a
crash between the mail server accepting the message and `emailed_at` being saved. A task a
dead worker left RUNNING is re-queued by the workers (jobboard.task_recovery, ADR 0032);
the row lock below makes a second run wait for the first and then do nothing."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from applications.models import Notification
from applications.notifications import build_email
from jobboard import metrics

logger = logging.getLogger(__name__)

# What a mail outage looks like from Django's SMTP backend; anything else is a bug and
# fails the task loudly (visible in admin) instead of being retried forever.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError, TimeoutError)


def backoff(attempt: int) -> timedelta:
    """Delay before attempt `attempt + 1`: base · 2^(attempt-1), capped."""
    seconds = settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** max(attempt - 1, 0)
    return timedelta(seconds=min(seconds, settings.NOTIFICATION_RETRY_MAX_DELAY_SECONDS))


@task()
def send_notification_email(notification_id: int, attempt: int = 1) -> str:
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            return "gone"
        if notification.emailed_at or notification.email_failed_at:
            return "already-done"
        notification.email_attempts = attempt
        try:
            build_email(notification).send()
        except TRANSIENT_ERRORS as exc:
            notification.email_last_error = f"{type(exc).__name__}: {exc}"[:1000]
            if attempt >= settings.NOTIFICATION_MAX_ATTEMPTS:
                notification.email_failed_at = timezone.now()
                notification.save(update_fields=_EMAIL_FIELDS)
                logger.error("notification email gave up", extra={"id": notification_id})
                return "gave-up"
            notification.save(update_fields=_EMAIL_FIELDS)
            metrics.task_retried("send_notification_email")
            send_notification_email.using(run_after=timezone.now() + backoff(attempt)).enqueue(
                notification_id, attempt + 1
            )
            logger.warning(
                "notification email failed, retrying",
                extra={"id": notification_id, "attempt": attempt},
            )
            return "retry"
        notification.emailed_at = timezone.now()
        notification.email_last_error = ""
        notification.save(update_fields=_EMAIL_FIELDS)
        return "sent"


_EMAIL_FIELDS = ["email_attempts", "emailed_at", "email_failed_at", "email_last_error"]


def enqueue_email(notification: Notification) -> None:
    """Queues the email of a notification in the caller's transaction (no on_commit: the
    task row commits or rolls back with the change, ADR 0014)."""
    send_notification_email.enqueue(notification.pk)


@task()
def send_saved_job_reminders() -> int:
    """The periodic run of POL-S-002's deadline reminders (idempotent; applications.reminders)."""
    # Imported here: applications.services (which reminders use) imports this module.
    from applications.reminders import saved_job_reminders_send

    return saved_job_reminders_send()
