"""Tasks a crashed worker left RUNNING are never picked up again by django-tasks-db (the
worker only claims READY rows). This puts ours back to READY once they are older than
TASK_STALE_AFTER_SECONDS; notification emails are idempotent on Notification.emailed_at
(ADR 0014). scripts/serve runs it before starting the worker; run it from cron or before
every worker start in other deployments."""

from django.core.management.base import BaseCommand

from applications.tasks import requeue_stale_tasks


class Command(BaseCommand):
    help = "Re-queue notification tasks left RUNNING by a crashed worker."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=None, help="seconds")

    def handle(self, *args, older_than=None, **options):
        count = requeue_stale_tasks(older_than_seconds=older_than)
        self.stdout.write(f"re-queued {count} stale task(s)")
