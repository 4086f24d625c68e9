"""Seed N realistic jobs (Korean and English) for benchmarks and query plans:
`manage.py seed_jobs 1000000` (under 10 minutes on 2 cores, with a progress bar). Content
comes from the demo generator (jobs.demo: titles, descriptions, experience, education,
skills, salary modes, 상시채용), the same for the same --seed. Companies and recruiters are
created as needed; 5 % of jobs are drafts, 5 % closed, some past their deadline; about 1 %
of published jobs get an active premium option and 0.1 % a banner.

On PostgreSQL the rows stream in through COPY in batches, each batch is indexed for search
right after through the search backend (the rows are still in the buffer cache), and when a seed
adds more rows than the table holds, the job table's indexes are dropped first and built
again at the end: one CREATE INDEX over the finished table is several times cheaper than
maintaining ten B-trees and two GIN indexes row by row (ADR 0067). Elsewhere (SQLite) rows
go in with bulk_create."""

import random
import time
from datetime import timedelta
from types import SimpleNamespace

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Company, Role, User
from jobs.demo.companies import company_profile
from jobs.demo.database import Lookups, build_job
from jobs.demo.generator import generate_jobs
from jobs.matching.store import job_match_skills_refresh
from jobs.models import Job, JobOption, JobOptionKind, JobStatus, SearchTerm
from jobs.search import get_backend
from jobs.search.backends.base import document_for, vocabulary_of
from jobs.search.backends.database import DatabaseBackend, tsvector_literal
from jobs.selectors import bump_list_version
from jobs.services import job_premium_refresh


class Progress:
    """A one-line progress bar with the rate and the time left."""

    def __init__(self, out, total: int):
        self.out, self.total, self.started = out, total, time.monotonic()

    def elapsed(self) -> str:
        return f"{time.monotonic() - self.started:.0f} s"

    def show(self, done: int) -> None:
        width = 40
        filled = int(width * done / max(self.total, 1))
        seconds = time.monotonic() - self.started
        rate = done / seconds if seconds else 0.0
        left = (self.total - done) / rate if rate else 0.0
        bar = "#" * filled + "-" * (width - filled)
        self.out.write(
            f"\r[{bar}] {done:,}/{self.total:,} jobs, {rate:,.0f}/s, {left:.0f} s left",
            ending="" if done < self.total else "\n",
        )
        self.out.flush()


class Command(BaseCommand):
    help = "Seed N realistic jobs (with companies and recruiters) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--batch", type=int, default=20_000)
        parser.add_argument("--companies", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--rebuild-indexes-from",
            type=int,
            default=50_000,
            help="drop and rebuild the job indexes when adding at least this many rows "
            "(and more than the table holds)",
        )
        parser.add_argument(
            "--insert",
            choices=("copy", "bulk_create"),
            default="copy",
            help="on PostgreSQL: COPY (the default, ADR 0067) or the ORM's bulk_create, "
            "with everything else the same (to measure one against the other)",
        )

    def handle(  # noqa: PLR0913 - the command's options
        self, *args, count, batch, companies, seed, rebuild_indexes_from, insert, **options
    ):
        existing = Job.objects.count()
        # Offset by the rows already there, so topping up adds new jobs, not copies.
        rng = random.Random(seed + existing)  # noqa: S311 - fake data, not secrets
        owners = self._recruiters(companies, seed)
        profiles = [company_profile(i, seed) for i in range(len(owners))]
        lookups = Lookups()
        now = timezone.now()
        postgres = connection.vendor == "postgresql"
        # With PostgreSQL and the database search backend, each row's search vector goes in
        # with the row (COPY or bulk_create; computed exactly as the backend's index()
        # computes it); elsewhere the backend indexes each batch after the insert.
        self.vectors_in_rows = postgres and isinstance(get_backend(), DatabaseBackend)
        self.titles: set[str] = set()
        insert_rows = self._copy if postgres and insert == "copy" else self._bulk_create
        rebuild = postgres and count > existing and count >= rebuild_indexes_from
        dropped = self._drop_indexes() if rebuild else []
        progress = Progress(self.stdout, count)
        try:
            done = 0
            while done < count:
                size = min(batch, count - done)
                generated = list(
                    generate_jobs(size, seed=seed, start=existing + done, companies=profiles)
                )
                rows = [self._row(rng, item, owners, lookups, now) for item in generated]
                with transaction.atomic():
                    last_id = Job.objects.order_by("-pk").values_list("pk", flat=True).first()
                    if self.vectors_in_rows:
                        self._add_vectors(rows, generated, lookups)
                    insert_rows(rows)
                    created = Job.objects.filter(pk__gt=last_id or 0)
                    self._tag_skills(created, generated, lookups)
                    job_match_skills_refresh(
                        created.only("id", "title", "description", "status", "deadline")
                    )
                    if not self.vectors_in_rows:
                        get_backend().index(
                            created.only("id", "title", "company_name", "description")
                        )
                    published = created.filter(status=JobStatus.PUBLISHED)
                    ids = list(published.values_list("pk", flat=True))
                    options = JobOption.objects.bulk_create(self._options(rng, ids, now))
                    job_premium_refresh(
                        job_ids=[o.job_id for o in options if o.kind == JobOptionKind.PREMIUM]
                    )
                done += size
                progress.show(done)
        finally:
            self._build_indexes(dropped)
        self._add_vocabulary()
        bump_list_version()  # rows went in without signals: cached lists must see them
        self.stdout.write(self.style.SUCCESS(f"Seeded {count} jobs in {progress.elapsed()}."))

    @staticmethod
    def _columns() -> list:
        """Every column COPY fills: the table's own, less the id and what PostgreSQL
        computes (generated columns) or this command fills afterwards (the search vector)."""
        return [f for f in Job._meta.concrete_fields if not f.primary_key and not f.generated]

    def _copy(self, rows: list[dict]) -> None:
        """Stream rows through COPY: a bulk load, which the ORM has no spelling for (ADR
        0067); fields this command does not set get their model default."""
        columns = self._columns()
        defaults = {f.attname: f.get_default() for f in columns}
        names = ", ".join(connection.ops.quote_name(f.column) for f in columns)
        table = connection.ops.quote_name(Job._meta.db_table)
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([row.get(f.attname, defaults[f.attname]) for f in columns])

    def _add_vectors(self, rows: list[dict], generated, lookups) -> None:
        """Each row's search vector, as the backend's index() writes it: its skill names in
        the order skill_names() reads them (by skill id)."""
        for row, item in zip(rows, generated, strict=True):
            tags = sorted(lookups.skill_names[c] for c in item.skills if c in lookups.skill_names)
            names = [n for _, ko, en in tags for n in dict.fromkeys((ko, en))]
            document = document_for(SimpleNamespace(pk=0, **row), names)
            row["search_vector"] = tsvector_literal(document)
            self.titles.add(row["title"])

    def _add_vocabulary(self) -> None:
        """The titles' words for "did you mean", as the backend's index() adds them."""
        words = set().union(*(vocabulary_of(SimpleNamespace(title=t)) for t in self.titles))
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=w[:64]) for w in words], ignore_conflicts=True
        )

    @staticmethod
    def _bulk_create(rows: list[dict]) -> None:
        Job.objects.bulk_create([Job(**row) for row in rows])

    def _drop_indexes(self) -> list:
        with connection.schema_editor(atomic=False) as editor:
            for index in Job._meta.indexes:
                editor.remove_index(Job, index)
        return list(Job._meta.indexes)

    def _build_indexes(self, indexes) -> None:
        for index in indexes:
            started = time.monotonic()
            with connection.schema_editor(atomic=False) as editor:
                editor.add_index(Job, index)
            self.stdout.write(f"  index {index.name}: {time.monotonic() - started:.0f} s")

    def _recruiters(self, n, seed):
        # Seed recruiters are known by their address and company (ADR 0036: no role lookups).
        existing = list(
            User.objects.select_related("company")
            .filter(email__startswith="seed-", company__isnull=False)
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

    def _row(self, rng, generated, owners, lookups, now) -> dict:
        """One job's column values: the generator's content, a state drawn here."""
        owner, company = owners[generated.company]
        job = build_job(
            generated,
            owner=owner,
            company=company,
            lookups=lookups,
            now=now,
            updated_at=now,
            **self._state(rng, now),
        )
        # Plain values: COPY would write a choices enum by its name, not its value.
        return {
            f.attname: getattr(v := getattr(job, f.attname), "value", v) for f in self._columns()
        }

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
    def _tag_skills(created, generated, lookups) -> None:
        """The batch's skill tags; ids come back in insertion order (one sequence)."""
        through = Job.skills.through
        ids = created.order_by("pk").values_list("pk", flat=True)
        through.objects.bulk_create(
            [
                through(job_id=job_id, skill_id=lookups.skills[code])
                for job_id, item in zip(ids, generated, strict=True)
                for code in item.skills
                if code in lookups.skills
            ]
        )

    def _options(self, rng, published_ids, now):
        options = []
        for job_id in published_ids:
            roll = rng.random()
            if roll < 0.01:
                kind = JobOptionKind.PREMIUM
            elif roll < 0.011:
                kind = JobOptionKind.BANNER
            else:
                continue
            starts = now - timedelta(days=rng.randrange(0, 6))
            options.append(
                JobOption(
                    job_id=job_id, kind=kind, starts_at=starts, ends_at=starts + timedelta(days=7)
                )
            )
        return options
