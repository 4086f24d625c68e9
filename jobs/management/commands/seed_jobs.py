"""Seed N jobs for benchmarks and query plans: `manage.py seed_jobs 100000`. Content comes
from the demo generator (jobs.demo), so it reads like the demo and is the same for the same
--seed. Companies and recruiters are created as needed; about 1 % of jobs get an active
premium option and 0.1 % a banner; 5 % are drafts, 5 % closed, some past their deadline."""

import random
import sys
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Company, Role, User
from jobs.demo.companies import company_profile
from jobs.demo.database import Lookups, build_job, jobs_bulk_create
from jobs.demo.generator import generate_jobs
from jobs.models import JobOption, JobOptionKind, JobStatus


class Command(BaseCommand):
    help = "Seed N generated jobs (with companies and recruiters) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--companies", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, batch, companies, seed, **options):
        rng = random.Random(seed)  # noqa: S311 - fake data, not secrets
        owners = self._recruiters(companies, seed)
        profiles = [company_profile(i, seed) for i in range(len(owners))]
        lookups = Lookups()
        now = timezone.now()
        done = 0
        while done < count:
            size = min(batch, count - done)
            pairs = []
            for generated in generate_jobs(size, seed=seed, start=done, companies=profiles):
                owner, company = owners[generated.company]
                job = build_job(
                    generated,
                    owner=owner,
                    company=company,
                    lookups=lookups,
                    now=now,
                    **self._state(rng, now),
                )
                pairs.append((job, generated.skills))
            with transaction.atomic():
                created = jobs_bulk_create(pairs, lookups=lookups, batch_size=batch)
                JobOption.objects.bulk_create(self._options(rng, created, now))
            done += size
            self._progress(done, count)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Seeded {count} jobs."))

    def _progress(self, done, total):
        width = 40
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
        sys.stdout.flush()

    def _recruiters(self, n, seed):
        existing = list(
            User.objects.filter(role=Role.RECRUITER, email__startswith="seed-")
            .select_related("company")
            .order_by("pk")
        )
        if len(existing) >= n:
            return [(u, u.company) for u in existing[:n] if u.company_id]
        companies = Company.objects.bulk_create(
            [Company(name=company_profile(i, seed).name) for i in range(n)]
        )
        password = make_password(None)
        users = User.objects.bulk_create(
            [
                User(
                    email=f"seed-{c.pk}@seed.jobboard.kr",
                    role=Role.RECRUITER,
                    company=c,
                    password=password,
                    name=f"채용담당 {c.pk}",
                )
                for c in companies
            ]
        )
        return [(u, u.company) for u in users]

    @staticmethod
    def _state(rng, now) -> dict:
        """Mostly open jobs; some drafts, closed jobs and jobs past their deadline."""
        roll = rng.random()
        if roll < 0.05:
            return {"status": JobStatus.DRAFT, "published_at": None}
        if roll < 0.10:
            return {"status": JobStatus.CLOSED, "closed_at": now}
        if roll < 0.15:
            return {"deadline": (now - timedelta(days=rng.randrange(1, 10))).date()}
        return {}

    @staticmethod
    def _options(rng, jobs, now):
        options = []
        for job in jobs:
            if job.status != JobStatus.PUBLISHED:
                continue
            roll = rng.random()
            if roll < 0.01:
                kind = JobOptionKind.PREMIUM
            elif roll < 0.011:
                kind = JobOptionKind.BANNER
            else:
                continue
            starts = now - timedelta(days=rng.randrange(0, 6))
            options.append(
                JobOption(job=job, kind=kind, starts_at=starts, ends_at=starts + timedelta(days=7))
            )
        return options
