"""Rebuild the skills every job is matched on (POL-S-003, ADR 0075): after skills or synonyms
were edited, so jobs saved before the edit are matched by the new vocabulary too."""

from django.core.management.base import BaseCommand

from jobs.matching.store import vocabulary, write_all_match_rows
from jobs.models import Job, JobMatchSkill, Skill


class Command(BaseCommand):
    help = "Re-extract the skills of every job for matching."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000)

    def handle(self, *args, batch, **options):
        done = 0
        for done in write_all_match_rows(
            vocabulary(), job_model=Job, row_model=JobMatchSkill, skill_model=Skill, batch=batch
        ):
            self.stdout.write(f"\r{done} jobs", ending="")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Re-extracted the skills of {done} jobs."))
