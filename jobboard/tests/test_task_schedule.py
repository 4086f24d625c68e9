"""ADR 0070: every worker runs a small schedule of periodic jobs; a due run is enqueued by
exactly one worker, however many ask at once.

(Named to run after test_replicas.py: its serialized_rollback test fails after any
transaction=True test that flushes the database before it — true on main already.)"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from jobboard import periodic
from jobboard.periodic import WorkerHousekeeping, enqueue_due, register

pytestmark = pytest.mark.django_db


@task()
def tick() -> None:
    """A periodic job with no effect: the tests count its queued runs."""


@task()
def tock() -> None:
    """Another one."""


def _queued(job=tick) -> int:
    return DBTaskResult.objects.filter(task_path=job.module_path).count()


@pytest.fixture(autouse=True)
def empty_schedule(monkeypatch):
    monkeypatch.setattr(periodic, "_schedule", {})


def test_a_job_runs_at_once_then_once_per_interval():
    register("tests.tick", task=tick, every=timedelta(hours=1))
    start = timezone.now()
    assert enqueue_due(now=start) == ["tests.tick"]
    assert enqueue_due(now=start + timedelta(minutes=59)) == []
    assert enqueue_due(now=start + timedelta(hours=1)) == ["tests.tick"]
    assert _queued() == 2


def test_each_job_keeps_its_own_interval():
    register("tests.tick", task=tick, every=timedelta(minutes=5))
    register("tests.tock", task=tock, every=timedelta(days=1))
    start = timezone.now()
    assert sorted(enqueue_due(now=start)) == ["tests.tick", "tests.tock"]
    assert enqueue_due(now=start + timedelta(minutes=10)) == ["tests.tick"]
    assert (_queued(tick), _queued(tock)) == (2, 1)


def test_a_shorter_interval_applies_at_once():
    """The row keeps when the last run was enqueued, not when the next is due: changing a
    job's interval in code needs no data change."""
    register("tests.tick", task=tick, every=timedelta(days=7))
    start = timezone.now()
    enqueue_due(now=start)
    periodic._schedule.clear()
    register("tests.tick", task=tick, every=timedelta(hours=1))
    assert enqueue_due(now=start + timedelta(hours=2)) == ["tests.tick"]


def test_one_name_cannot_be_given_to_two_tasks():
    register("tests.tick", task=tick, every=timedelta(hours=1))
    register("tests.tick", task=tick, every=timedelta(hours=1))  # an app registered twice
    with pytest.raises(ValueError, match="already registered"):
        register("tests.tick", task=tock, every=timedelta(hours=1))


@pytest.mark.django_db(transaction=True)
def test_workers_asking_at_once_enqueue_a_due_run_once():
    """Four workers' housekeeping passes at the same moment: one claims the run."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks under concurrency need PostgreSQL (SQLite serialises writes)")
    register("tests.tick", task=tick, every=timedelta(hours=1))
    now = timezone.now()
    barrier = threading.Barrier(4)
    results: list[list[str]] = []

    def worker():
        try:
            barrier.wait()
            results.append(enqueue_due(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(results) == [[], [], [], ["tests.tick"]]
    assert _queued() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_housekeeping_thread_enqueues_due_jobs():
    register("tests.tick", task=tick, every=timedelta(hours=1))
    housekeeping = WorkerHousekeeping(interval=0.05)
    housekeeping.start()
    try:
        deadline = time.monotonic() + 10
        while not _queued():
            assert time.monotonic() < deadline, "the periodic job was never enqueued"
            time.sleep(0.02)
        time.sleep(0.2)  # several more passes: the run is not due again for an hour
    finally:
        housekeeping.stopped.set()
        housekeeping.join(5)
    assert _queued() == 1
