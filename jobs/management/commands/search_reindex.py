"""Rebuild the search index of every job (after the analysis changes: a new dictionary, new
rules; ADR 0054). Batches by primary key, so it runs in constant memory at any size."""

from django.core.management.base import BaseCommand

from jobs.models import Job
from jobs.search import get_backend


class Command(BaseCommand):
    help = "Re-index every job for search."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args, batch, **options):
        jobs = Job.objects.only("title", "company_name", "description").order_by("pk")
        done, last = 0, 0
        while rows := list(jobs.filter(pk__gt=last)[:batch]):
            get_backend().index(rows)
            done, last = done + len(rows), rows[-1].pk
            self.stdout.write(f"\r{done} jobs indexed", ending="")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Re-indexed {done} jobs."))
