"""`manage.py db_worker`: django-tasks-db's worker, plus the re-queueing of tasks a dead
worker left RUNNING (jobboard.task_recovery, ADR 0032).

It keeps the command's name and every option, so each shipped topology (compose, the
Kubernetes worker Deployment, scripts/serve, deploy/run-like-compose) gets the recovery by
running the worker it already runs. `jobboard` precedes `django_tasks_db` in INSTALLED_APPS
so that Django picks this command."""

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from jobboard.task_recovery import StaleTaskRequeuer, requeue_stale_tasks


class Command(db_worker.Command):
    help = (
        "Run a database background worker that also re-queues tasks left RUNNING by a dead "
        "worker (older than TASK_STALE_AFTER_SECONDS, checked every "
        "TASK_REQUEUE_INTERVAL_SECONDS)."
    )

    def handle(self, *args, batch: bool = False, **options):
        if batch:  # one pass over the queue: one re-queue first, in this thread
            requeue_stale_tasks()
            return super().handle(*args, batch=batch, **options)
        requeuer = StaleTaskRequeuer(settings.TASK_REQUEUE_INTERVAL_SECONDS)
        requeuer.start()
        try:
            return super().handle(*args, batch=batch, **options)
        finally:
            requeuer.stopped.set()
