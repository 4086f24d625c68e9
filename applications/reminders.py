"""Deadline reminders of saved jobs (POL-S-002), 3 days and 1 day before, through the
notification outbox (POL-AP-004). The run is idempotent and safe in parallel: a reminder
is a SavedJobReminder row, unique per (saved job, days before), created in the same
transaction as its notification — a second run, or a parallel one, finds it taken.
Jobs with no deadline (상시채용) never match."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from applications.models import NotificationKind
from applications.services import notification_create
from candidates.models import SavedJob, SavedJobReminder
from jobs.models import Job

REMINDER_DAYS = (3, 1)  # descending: each reminder covers the days down to the next one


def reminder_windows(today: date) -> list[tuple[int, date, date]]:
    """(days before, first deadline, last deadline) for each reminder. A run missed on D-3
    still reminds on D-2; a job saved on D-1 gets only the 1-day reminder."""
    windows = []
    for index, days in enumerate(REMINDER_DAYS):
        following = REMINDER_DAYS[index + 1] if index + 1 < len(REMINDER_DAYS) else -1
        windows.append((days, today + timedelta(days=following + 1), today + timedelta(days=days)))
    return windows


def saved_job_reminders_send(*, today: date | None = None) -> int:
    """Sends every reminder due today that was not sent yet; returns how many it sent."""
    today = today or timezone.localdate()
    sent = 0
    for days, first, last in reminder_windows(today):
        open_jobs = Job.objects.filter(Job.open_filter(today), deadline__range=(first, last))
        due = (
            SavedJob.objects.filter(job__in=open_jobs)
            .exclude(reminders__days_before=days)
            .select_related("user", "job", "job__company")
        )
        for saved in due.iterator(chunk_size=500):
            if _remind(saved, days):
                sent += 1
    return sent


def _remind(saved: SavedJob, days: int) -> bool:
    try:
        with transaction.atomic():
            SavedJobReminder.objects.create(saved_job=saved, days_before=days)
            job = saved.job
            notification_create(
                user=saved.user,
                kind=NotificationKind.SAVED_JOB_DEADLINE,
                application=None,
                params={
                    "job": job.title,
                    "company": job.company.name,
                    "days": days,
                    "deadline": job.deadline.isoformat() if job.deadline else "",
                    "language": "ko",
                },
                link=reverse("jobs:detail", kwargs={"pk": job.pk}),
            )
    except IntegrityError:
        return False  # another run sent it
    return True
