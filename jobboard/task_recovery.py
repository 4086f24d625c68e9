"""Tasks a dead worker left RUNNING go back to the queue (POL-AP-004, ADR 0032).

django-tasks-db's worker claims a row by marking it RUNNING and never looks at RUNNING rows
again, so a worker killed mid-task (SIGKILL, out of memory, a node lost) would strand its
row for ever. Every worker therefore re-queues, every TASK_REQUEUE_INTERVAL_SECONDS, the
rows RUNNING for longer than TASK_STALE_AFTER_SECONDS — longer than any live task runs (the
worker's housekeeping thread, jobboard.periodic.WorkerHousekeeping).

This is generic over task rows, whichever app owns the task; in exchange every task must be
idempotent and safe to run twice at once (the email task locks its notification row and
checks `emailed_at`), because a re-queued task runs again from the start."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def requeue_stale_tasks(*, older_than_seconds: float | None = None) -> int:
    """Put rows RUNNING for longer than the threshold back to READY; returns how many."""
    seconds = older_than_seconds
    if seconds is None:
        seconds = settings.TASK_STALE_AFTER_SECONDS
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        started_at__lt=timezone.now() - timedelta(seconds=seconds),
    )
    count = stale.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("re-queued tasks left running by a dead worker", extra={"count": count})
    return count
