"""POL-AP-004, ADR 0032: a task a dead worker left RUNNING goes back to the queue, whichever
app owns it, once it has run longer than any live task can; every worker does this on its
own schedule. The end-to-end proof (SIGKILL mid-send) is deploy/drills/worker_kill.py."""

import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from applications.tests.helpers import run_worker
from jobboard.periodic import WorkerHousekeeping
from jobboard.task_recovery import requeue_stale_tasks
from jobboard.tasks import ping

ROOT = Path(__file__).resolve().parents[2]


def _running(started_seconds_ago: float, worker="dead-worker") -> DBTaskResult:
    row = DBTaskResult.objects.get(pk=ping.enqueue(worker).id)
    row.claim(worker)
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - timedelta(seconds=started_seconds_ago)
    )
    return row


def _status(row) -> str:
    row.refresh_from_db()
    return row.status


def test_the_shipped_worker_command_is_the_one_that_recovers():
    """compose, Kubernetes and scripts/serve run `manage.py db_worker`: it must be ours."""
    assert get_commands()["db_worker"] == "jobboard"


@pytest.mark.django_db
def test_only_rows_running_past_the_threshold_are_requeued__POL_AP_004(settings):
    settings.TASK_STALE_AFTER_SECONDS = 120
    old, young = _running(121), _running(100, worker="live-worker")
    assert requeue_stale_tasks() == 1
    assert (_status(old), _status(young)) == (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    old.refresh_from_db()
    assert old.started_at is None


@pytest.mark.django_db
def test_a_worker_pass_requeues_and_then_runs_the_stranded_task__POL_AP_004(settings):
    row = _running(settings.TASK_STALE_AFTER_SECONDS + 1)
    run_worker()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value.startswith("pong:dead-worker:")
    assert len(row.worker_ids) == 2  # the dead worker's claim and the one that finished it


@pytest.mark.django_db
def test_requeue_command_by_hand():
    row = _running(3600)
    call_command("requeue_stale_tasks", "--older-than", "60", verbosity=0)
    assert _status(row) == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True)
def test_housekeeping_thread_requeues_at_start_and_every_interval(settings):
    settings.TASK_STALE_AFTER_SECONDS = 5
    first = _running(60)
    requeuer = WorkerHousekeeping(interval=0.05)
    requeuer.start()
    try:
        _wait_for(lambda: _status(first) == TaskResultStatus.READY)
        second = _running(60)  # stranded while the worker runs: the next pass finds it
        _wait_for(lambda: _status(second) == TaskResultStatus.READY)
    finally:
        requeuer.stopped.set()
        requeuer.join(5)
    assert not requeuer.is_alive()


def _wait_for(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the requeuer did not get there in time"
        time.sleep(0.02)


def test_threshold_is_derived_from_the_send_timeout():
    """Ten SMTP exchanges of EMAIL_TIMEOUT bound a send; two more cover the database and
    clocks. A different timeout moves the threshold with it."""
    code = "from django.conf import settings as s; print(s.TASK_STALE_AFTER_SECONDS)"
    out = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "jobboard.settings.test", "EMAIL_TIMEOUT": "3"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert float(out) == 36.0
