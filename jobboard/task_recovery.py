"""Tasks a dead worker left RUNNING go back to the queue (POL-AP-004, ADR 0032).

django-tasks-db's worker claims a row by marking it RUNNING and never looks at RUNNING rows
again, so a worker killed mid-task (SIGKILL, out of memory, a node lost) would strand its
row for ever. Every worker therefore re-queues, every TASK_REQUEUE_INTERVAL_SECONDS, the
rows RUNNING for longer than TASK_STALE_AFTER_SECONDS — longer than any live task runs.

This is generic over task rows, whichever app owns the task; in exchange every task must be
idempotent and safe to run twice at once (the email task locks its notification row and
checks `emailed_at`), because a re-queued task runs again from the start."""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
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


class StaleTaskRequeuer(threading.Thread):
    """Beside each worker's task loop: one pass at start, then one per interval. Its own
    database connection, closed after each pass (a database restart costs one pass)."""

    def __init__(self, interval: float):
        super().__init__(name="requeue-stale-tasks", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            try:
                requeue_stale_tasks()
            except DatabaseError:
                logger.warning("could not re-queue stale tasks; retrying", exc_info=True)
            finally:
                connections.close_all()  # this thread's connections only
            if self.stopped.wait(self.interval):
                return
