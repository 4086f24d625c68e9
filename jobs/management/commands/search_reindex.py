"""Rebuild the search index of every job (after the analysis changes: a new dictionary, new
rules; after migration 0010 on a large table; ADR 0054). Batches by primary key, each in its
own short transaction, so it runs in constant memory at any size and while the site serves;
`--after` resumes an interrupted run."""

from django.core.management.base import BaseCommand

from jobs.models import Job
from jobs.search.indexing import reindex


class Command(BaseCommand):
    help = "Re-index every job for search."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--after", type=int, default=0, help="start after this job id")

    def handle(self, *args, batch, after, **options):
        def progress(done: int) -> None:
            self.stdout.write(f"\r{done} jobs indexed", ending="")

        done = reindex(Job.objects.filter(pk__gt=after), batch=batch, progress=progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Re-indexed {done} jobs."))
