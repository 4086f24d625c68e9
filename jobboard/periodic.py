"""A small schedule of periodic jobs, run by every `manage.py db_worker` (ADR 0070).

Apps register `name → (task, interval)` in their AppConfig.ready(). Each worker's
housekeeping thread asks, every TASK_REQUEUE_INTERVAL_SECONDS, which jobs are due and puts
each due one in the task queue, where it runs like any task (retried, re-queued if its
worker dies, ADR 0032). Several workers may ask at once: a due run is claimed by one
conditional UPDATE of the job's row and enqueued in the same transaction, so exactly one
worker enqueues it. The job itself must still be idempotent and safe in parallel — a run
re-queued after a worker died, or a run by hand, may overlap the next one."""

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import DatabaseError, connections, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import Task

from jobboard.models import PeriodicJobRun
from jobboard.task_recovery import requeue_stale_tasks

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: Task[[], Any]
    every: timedelta


_schedule: dict[str, PeriodicJob] = {}


def register(name: str, *, task: Task[[], Any], every: timedelta) -> None:
    """Run `task` (a django-tasks task taking no arguments) about once per `every`."""
    if name in _schedule and _schedule[name].task is not task:
        raise ValueError(f"periodic job {name!r} is already registered with another task")
    _schedule[name] = PeriodicJob(name=name, task=task, every=every)


def schedule() -> dict[str, PeriodicJob]:
    return dict(_schedule)


def enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue every job whose last run was enqueued at least its interval ago (or never);
    returns their names. Jobs no longer registered are ignored, their rows left alone."""
    now = now or timezone.now()
    PeriodicJobRun.objects.bulk_create(
        [PeriodicJobRun(name=name) for name in _schedule], ignore_conflicts=True
    )
    enqueued = []
    for job in _schedule.values():
        with transaction.atomic():
            # On PostgreSQL a second worker's UPDATE waits for the first one's row lock and
            # then re-checks the condition against the committed time: it matches nothing.
            claimed = (
                PeriodicJobRun.objects.filter(name=job.name)
                .filter(Q(last_enqueued_at__isnull=True) | Q(last_enqueued_at__lte=now - job.every))
                .update(last_enqueued_at=now)
            )
            if claimed:
                job.task.enqueue()
                enqueued.append(job.name)
    if enqueued:
        logger.info("enqueued periodic jobs", extra={"jobs": enqueued})
    return enqueued


class WorkerHousekeeping(threading.Thread):
    """Beside each worker's task loop: one pass at start, then one per interval; a pass
    re-queues tasks a dead worker left running (ADR 0032) and enqueues the due periodic jobs.
    Its own database connection, closed after each pass (a database restart costs one pass)."""

    def __init__(self, interval: float):
        super().__init__(name="worker-housekeeping", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            try:
                requeue_stale_tasks()
                enqueue_due()
            except DatabaseError:
                logger.warning("worker housekeeping pass failed; retrying", exc_info=True)
            finally:
                connections.close_all()  # this thread's connections only
            if self.stopped.wait(self.interval):
                return
