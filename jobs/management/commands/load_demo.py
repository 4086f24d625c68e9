"""Demo data for README command 1 (jobs.demo.loader). Idempotent: running it again changes
nothing. Passwords are documented in the README."""

from django.core.management.base import BaseCommand

from jobs.demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load demo companies (with logos), users and jobs (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--jobs", type=int, default=None, help="jobs to generate (240)")

    def handle(self, *args, jobs=None, **options):
        counts = load_demo(**({"jobs": jobs} if jobs else {}))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {counts['jobs']} jobs, {counts['companies']} companies, "
                f"{counts['users']} users. Every demo account's password is {DEMO_PASSWORD}"
            )
        )
