"""`manage.py requeue_stale_tasks`: one re-queueing pass by hand (every worker already runs
one per TASK_REQUEUE_INTERVAL_SECONDS; jobboard.task_recovery, ADR 0032)."""

from django.core.management.base import BaseCommand

from jobboard.task_recovery import requeue_stale_tasks


class Command(BaseCommand):
    help = "Re-queue tasks left RUNNING by a dead worker (older than TASK_STALE_AFTER_SECONDS)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=float, default=None, help="seconds")

    def handle(self, *args, older_than=None, **options):
        count = requeue_stale_tasks(older_than_seconds=older_than)
        self.stdout.write(f"re-queued {count} stale task(s)")
