"""`manage.py db_worker`: django-tasks-db's worker, plus a housekeeping thread that re-queues
tasks a dead worker left RUNNING (jobboard.task_recovery, ADR 0032) and enqueues the periodic
jobs that are due (jobboard.periodic, ADR 0070).

It keeps the command's name and every option, so each shipped topology (compose, the
Kubernetes worker Deployment, scripts/serve, deploy/run-like-compose) gets both by running
the worker it already runs. `jobboard` precedes `django_tasks_db` in INSTALLED_APPS so that
Django picks this command."""

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from jobboard.periodic import WorkerHousekeeping
from jobboard.task_recovery import requeue_stale_tasks


class Command(db_worker.Command):
    help = (
        "Run a database background worker that also re-queues tasks left RUNNING by a dead "
        "worker (older than TASK_STALE_AFTER_SECONDS) and enqueues due periodic jobs, every "
        "TASK_REQUEUE_INTERVAL_SECONDS."
    )

    def handle(self, *args, batch: bool = False, **options):
        # One pass over the queue (tests, drills): the re-queue only, in this thread; the
        # periodic jobs belong to long-running workers.
        if batch:
            requeue_stale_tasks()
            return super().handle(*args, batch=batch, **options)
        housekeeping = WorkerHousekeeping(settings.TASK_REQUEUE_INTERVAL_SECONDS)
        housekeeping.start()
        try:
            return super().handle(*args, batch=batch, **options)
        finally:
            housekeeping.stopped.set()
