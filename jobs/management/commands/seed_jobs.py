"""Seed N realistic jobs (Korean and English) for benchmarks and query plans:
`manage.py seed_jobs 1000000` (under 10 minutes on 2 cores, with a progress bar). Content
comes from the demo generator (jobs.demo: titles, descriptions, experience, education,
skills, salary modes, 상시채용), the same for the same --seed. Companies and recruiters are
created as needed; 5 % of jobs are drafts, 5 % closed, some past their deadline; about 1 %
of published jobs get an active premium option and 0.1 % a banner. Every job gets its skill
tags, its search document and matching's skill rows, as a saved job would.

Each batch is prepared in memory (content, search vectors, tags, matching's rows) in a
thread while the batch before it is written. On PostgreSQL the jobs, their tags and their
matching rows stream in through COPY, and when a seed adds more rows than the table holds,
the job table's indexes and the filled tables' foreign keys are dropped first and added again
at the end: one CREATE INDEX over the finished table is several times cheaper than
maintaining ten B-trees and two GIN indexes row by row, and one join checks a foreign key
faster than a check per row (ADRs 0067, 0086). Elsewhere (SQLite) rows go in with
bulk_create."""

import copy
import random
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import ForeignKey
from django.utils import timezone

from accounts.models import Company, Role, User
from jobs.demo.companies import company_profile
from jobs.demo.database import Lookups, build_job
from jobs.demo.generator import generate_jobs
from jobs.matching.store import active_skill_ids, match_rows_of, vocabulary
from jobs.models import (
    Job,
    JobMatchSkill,
    JobOption,
    JobOptionKind,
    JobStatus,
    SearchTerm,
    Skill,
)
from jobs.search import get_backend
from jobs.search.backends.base import document_for, vocabulary_of
from jobs.search.backends.database import (
    DatabaseBackend,
    title_vector_literal,
    tsvector_literal,
)
from jobs.selectors import bump_list_version
from jobs.services import job_premium_refresh


@dataclass
class Batch:
    """One batch, prepared before its insert: jobs are known by their place in `rows`
    (`job_id` of tags and matches, the first of each option) until the insert gives ids."""

    rows: list[dict]
    tags: list[dict]
    matches: list[dict]
    options: list[tuple[int, dict]]


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
        unchecked: list = []
        progress = Progress(self.stdout, count)
        # What each batch needs besides the generator, read here once: the batches are
        # prepared in a thread that never touches the database.
        self.rng, self.owners, self.profiles = rng, owners, profiles
        self.lookups, self.now, self.seed = lookups, now, seed
        self.vocabulary, self.active_skills = vocabulary(), active_skill_ids(Skill)
        self.job_columns = self._columns(Job)
        starts = range(existing, existing + count, batch)
        try:
            unchecked = self._drop_foreign_keys() if rebuild else []
            done = 0
            for prepared in self._prepared(
                [(start, min(batch, existing + count - start)) for start in starts]
            ):
                self._write(prepared, insert_rows)
                done += len(prepared.rows)
                progress.show(done)
        finally:
            self._build_indexes(dropped)
            self._add_foreign_keys(unchecked)
        self._add_vocabulary()
        bump_list_version()  # rows went in without signals: cached lists must see them
        self.stdout.write(self.style.SUCCESS(f"Seeded {count} jobs in {progress.elapsed()}."))

    def _prepared(self, batches: list[tuple[int, int]]) -> Iterator[Batch]:
        """The batches, each prepared in a thread while the one before it is written: Python
        prepares, PostgreSQL writes, and the two cores work at once (ADR 0086). One thread,
        so the random draws come in the same order as in one loop."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="seed") as pool:
            pending = None
            for start, size in batches:
                following = pool.submit(self._prepare, start, size)
                if pending is not None:
                    yield pending.result()
                pending = following
            if pending is not None:
                yield pending.result()

    def _prepare(self, start: int, size: int) -> Batch:
        """One batch's rows, tags, matching rows and options, without the database: jobs
        are known by their place in the batch until their insert gives them ids."""
        generated = list(generate_jobs(size, seed=self.seed, start=start, companies=self.profiles))
        rows = [self._row(item) for item in generated]
        options = self._options(rows)
        if self.vectors_in_rows:
            self._add_vectors(rows, generated)
        tags = [
            {"job_id": place, "skill_id": self.lookups.skills[code]}
            for place, item in enumerate(generated)
            for code in item.skills
            if code in self.lookups.skills
        ]
        return Batch(rows, tags, self._match_rows(rows, tags), options)

    def _write(self, batch: Batch, insert_rows) -> None:
        """One batch into the database, in one transaction."""
        with transaction.atomic():
            last_id = Job.objects.order_by("-pk").values_list("pk", flat=True).first()
            insert_rows(Job, batch.rows)
            # ids come back in insertion order (one sequence)
            ids = list(
                Job.objects.filter(pk__gt=last_id or 0).order_by("pk").values_list("pk", flat=True)
            )
            insert_rows(Job.skills.through, [{**t, "job_id": ids[t["job_id"]]} for t in batch.tags])
            insert_rows(JobMatchSkill, [{**m, "job_id": ids[m["job_id"]]} for m in batch.matches])
            if not self.vectors_in_rows:
                get_backend().index(
                    Job.objects.filter(pk__in=ids).only(
                        "id", "title", "company_name", "description"
                    )
                )
            options = JobOption.objects.bulk_create(
                JobOption(job_id=ids[place], **option) for place, option in batch.options
            )
            job_premium_refresh(
                job_ids=[o.job_id for o in options if o.kind == JobOptionKind.PREMIUM]
            )

    @staticmethod
    def _columns(model) -> list:
        """Every column a row fills: the table's own, less the id and what PostgreSQL
        computes (generated columns)."""
        return [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]

    def _copy(self, model, rows: list[dict]) -> None:
        """Stream rows through COPY: a bulk load, which the ORM has no spelling for (ADR
        0067); fields a row does not set get their model default."""
        columns = self._columns(model)
        defaults = {f.attname: f.get_default() for f in columns}
        names = ", ".join(connection.ops.quote_name(f.column) for f in columns)
        table = connection.ops.quote_name(model._meta.db_table)
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([row.get(f.attname, defaults[f.attname]) for f in columns])

    def _add_vectors(self, rows: list[dict], generated) -> None:
        """Each row's search vector, as the backend's index() writes it: its skill names in
        the order skill_names() reads them (by skill id)."""
        for row, item in zip(rows, generated, strict=True):
            names_of = self.lookups.skill_names
            tags = sorted(names_of[c] for c in item.skills if c in names_of)
            names = [n for _, ko, en in tags for n in dict.fromkeys((ko, en))]
            document = document_for(SimpleNamespace(pk=0, **row), names)
            row["search_vector"] = tsvector_literal(document)
            row["title_vector"] = title_vector_literal(document)
            self.titles.add(row["title"])

    def _add_vocabulary(self) -> None:
        """The titles' words for "did you mean", as the backend's index() adds them."""
        words = set().union(*(vocabulary_of(SimpleNamespace(title=t)) for t in self.titles))
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=w[:64]) for w in words], ignore_conflicts=True
        )

    @staticmethod
    def _bulk_create(model, rows: list[dict]) -> None:
        model.objects.bulk_create([model(**row) for row in rows], batch_size=5000)

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

    @staticmethod
    def _unchecked(field: ForeignKey) -> ForeignKey:
        """The same foreign key without its database constraint."""
        unchecked = copy.copy(field)
        unchecked.db_constraint = False  # type: ignore[attr-defined]  # not in django-stubs
        return unchecked

    def _drop_foreign_keys(self) -> list:
        """The foreign keys of the tables this command fills, dropped for the load: each
        row's key would be checked at every batch's commit (27 % of PostgreSQL's CPU),
        where adding the constraint again checks the whole table in one join (ADR 0086).
        Through the schema editor, as migrations do it."""
        keys = [
            (model, field)
            for model in (Job, Job.skills.through, JobMatchSkill)
            for field in model._meta.concrete_fields
            if isinstance(field, ForeignKey)
        ]
        # db_constraint is not declared by django-stubs
        keys = [(m, f) for m, f in keys if f.db_constraint]  # type: ignore[attr-defined]
        with connection.schema_editor(atomic=False) as editor:
            for model, field in keys:
                editor.alter_field(model, field, self._unchecked(field), strict=True)
        return keys

    def _add_foreign_keys(self, keys) -> None:
        if not keys:
            return
        started = time.monotonic()
        with connection.schema_editor(atomic=False) as editor:
            for model, field in keys:
                editor.alter_field(model, self._unchecked(field), field, strict=True)
        self.stdout.write(f"  {len(keys)} foreign keys checked: {time.monotonic() - started:.0f} s")

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

    def _row(self, generated) -> dict:
        """One job's column values: the generator's content, a state drawn here."""
        owner, company = self.owners[generated.company]
        job = build_job(
            generated,
            owner=owner,
            company=company,
            lookups=self.lookups,
            now=self.now,
            updated_at=self.now,
            **self._state(self.rng, self.now),
        )
        # Plain values: COPY would write a choices enum by its name, not its value.
        return {
            f.attname: getattr(v := getattr(job, f.attname), "value", v) for f in self.job_columns
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

    def _match_rows(self, rows: list[dict], tags: list[dict]) -> list[dict]:
        """Matching's rows for the batch (ADR 0076) by the rule job_match_skills_refresh
        applies to a saved job: its tags and the skills its title and description name."""
        tagged: dict[int, set[int]] = {}
        for tag in tags:
            tagged.setdefault(tag["job_id"], set()).add(tag["skill_id"])
        return [
            match
            for place, row in enumerate(rows)
            for match in match_rows_of(
                SimpleNamespace(pk=place, **row),
                tagged.get(place, set()),
                self.vocabulary,
                self.active_skills,
            )
        ]

    def _options(self, rows: list[dict]) -> list[tuple[int, dict]]:
        """(place, fields) of the batch's options: ~1 % of published jobs premium, 0.1 % a
        banner."""
        rng, now = self.rng, self.now
        options = []
        for place, row in enumerate(rows):
            if row["status"] != JobStatus.PUBLISHED:
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
                (place, {"kind": kind, "starts_at": starts, "ends_at": starts + timedelta(days=7)})
            )
        return options
