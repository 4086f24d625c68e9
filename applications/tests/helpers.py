from datetime import timedelta
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def run_worker() -> None:
    """One pass of the real worker (`manage.py db_worker --batch`). Its
    close_old_connections() would drop the test's connection, which lives inside the test
    transaction: a no-op here, as Django's test client does for the request signals."""
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", return_value=None
    ):
        call_command(
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--interval",
            "0",
            "--no-reload",
            verbosity=0,
        )


def advance_clock() -> None:
    """Lets deferred retries become due, as if their backoff had passed."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
