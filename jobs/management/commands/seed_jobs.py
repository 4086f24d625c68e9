"""Seed N realistic jobs (Korean and English) for benchmarks and query plans:
`manage.py seed_jobs 1000000` (under 10 minutes on 2 cores, with a progress bar).
Companies and recruiters are created as needed; about 1 % of published jobs get an active
premium option and 0.1 % a banner.

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
from jobs.models import (
    Category,
    EmploymentType,
    Job,
    JobOption,
    JobOptionKind,
    JobStatus,
    Location,
    SearchTerm,
)
from jobs.search import get_backend
from jobs.search.backends.base import document_for, vocabulary_of
from jobs.search.backends.database import DatabaseBackend, tsvector_literal

TITLES_KO = [
    "백엔드 개발자",
    "프론트엔드 개발자",
    "풀스택 개발자",
    "데이터 엔지니어",
    "데이터 분석가",
    "머신러닝 엔지니어",
    "DevOps 엔지니어",
    "iOS 개발자",
    "안드로이드 개발자",
    "QA 엔지니어",
    "UI/UX 디자이너",
    "프로덕트 디자이너",
    "서비스 기획자",
    "프로덕트 매니저",
    "마케팅 매니저",
    "퍼포먼스 마케터",
    "콘텐츠 마케터",
    "영업 담당자",
    "기술 영업",
    "재무회계 담당자",
    "인사 담당자",
    "고객지원 상담원",
    "생산관리 엔지니어",
    "품질관리 담당자",
    "간호사",
    "연구원",
    "영어 강사",
    "물류 관리자",
    "보안 엔지니어",
    "게임 클라이언트 개발자",
]
TITLES_EN = [
    "Backend Engineer",
    "Frontend Engineer",
    "Full-stack Developer",
    "Data Engineer",
    "Data Analyst",
    "Machine Learning Engineer",
    "Site Reliability Engineer",
    "iOS Developer",
    "Android Developer",
    "QA Engineer",
    "Product Designer",
    "Product Manager",
    "Growth Marketer",
    "Account Executive",
    "Financial Analyst",
    "Recruiter",
    "Customer Success Manager",
    "Security Engineer",
    "Research Scientist",
    "English Teacher",
]
SKILLS = [
    "Python",
    "Django",
    "Java",
    "Spring",
    "Kotlin",
    "TypeScript",
    "React",
    "Vue",
    "Go",
    "Rust",
    "Kubernetes",
    "AWS",
    "PostgreSQL",
    "Figma",
    "SQL",
    "Swift",
    "Unity",
    "C++",
]
LEVELS_KO = ["신입", "경력 3년 이상", "시니어", "주니어", "팀장급", ""]
LEVELS_EN = ["Junior", "Senior", "Lead", "Staff", "Intern", ""]
COMPANY_KO = ["한빛", "누리", "바다", "하늘", "새봄", "다온", "미래", "온누리", "가람", "솔빛"]
COMPANY_KO_SUFFIX = ["소프트", "테크", "커머스", "랩스", "헬스케어", "모빌리티", "게임즈", "에듀"]
COMPANY_EN = ["Seoul", "Han River", "Blue Wave", "Pine", "Nova", "Orbit", "Maple", "Kite"]
COMPANY_EN_SUFFIX = ["Labs", "Robotics", "Systems", "Studio", "Health", "Data", "Pay", "AI"]
DESCRIPTION_KO = (
    "주요 업무\n- {skill} 기반 서비스를 설계하고 개발합니다.\n- 동료와 코드 리뷰를 주고받으며 "
    "품질을 높입니다.\n\n자격 요건\n- {skill} 실무 경험\n- 원활한 커뮤니케이션 능력\n\n"
    "우대 사항\n- {skill2} 경험\n- 대규모 트래픽 서비스 운영 경험"
)
DESCRIPTION_EN = (
    "What you'll do\n- Build and run {skill} services used by millions.\n- Review code and "
    "mentor teammates.\n\nWhat we look for\n- Hands-on {skill} experience\n- {skill2} is a plus"
)


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

    def handle(self, *args, count, batch, companies, seed, rebuild_indexes_from, **options):
        existing = Job.objects.count()
        # Offset by the rows already there, so topping up adds new jobs, not copies.
        rng = random.Random(seed + existing)  # noqa: S311 - fake data, not secrets
        owners = self._recruiters(companies, rng)
        categories = list(Category.objects.all())
        locations = list(Location.objects.all())
        now = timezone.now()
        postgres = connection.vendor == "postgresql"
        # With PostgreSQL and the database search backend, each row's search vector goes in
        # with the row (computed exactly as the backend's index() computes it); elsewhere the
        # backend indexes each batch after the insert.
        self.vectors_in_copy = postgres and isinstance(get_backend(), DatabaseBackend)
        self.titles: set[str] = set()
        insert = self._copy if postgres else self._bulk_create
        rebuild = postgres and count > existing and count >= rebuild_indexes_from
        dropped = self._drop_indexes() if rebuild else []
        progress = Progress(self.stdout, count)
        try:
            done = 0
            while done < count:
                size = min(batch, count - done)
                rows = [self._job(rng, owners, categories, locations, now) for _ in range(size)]
                with transaction.atomic():
                    last_id = Job.objects.order_by("-pk").values_list("pk", flat=True).first()
                    insert(rows)
                    created = Job.objects.filter(pk__gt=last_id or 0)
                    if not self.vectors_in_copy:
                        get_backend().index(
                            created.only("id", "title", "company_name", "description")
                        )
                    published = created.filter(status=JobStatus.PUBLISHED)
                    ids = list(published.values_list("pk", flat=True))
                    JobOption.objects.bulk_create(self._options(rng, ids, now))
                done += size
                progress.show(done)
        finally:
            self._build_indexes(dropped)
        self._add_vocabulary()
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
        if self.vectors_in_copy:
            for row in rows:
                row["search_vector"] = tsvector_literal(document_for(SimpleNamespace(pk=0, **row)))
                self.titles.add(row["title"])
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([row.get(f.attname, defaults[f.attname]) for f in columns])

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

    def _recruiters(self, n, rng):
        # Seed recruiters are known by their address and company (ADR 0036: no role lookups).
        existing = list(
            User.objects.select_related("company")
            .filter(email__startswith="seed-", company__isnull=False)
            .order_by("pk")
        )
        if len(existing) >= n:
            return [(u, u.company) for u in existing[:n] if u.company_id]
        names = []
        for i in range(n):
            if i % 2:
                names.append(f"{rng.choice(COMPANY_KO)}{rng.choice(COMPANY_KO_SUFFIX)} {i}")
            else:
                names.append(f"{rng.choice(COMPANY_EN)} {rng.choice(COMPANY_EN_SUFFIX)} {i}")
        companies = Company.objects.bulk_create([Company(name=name) for name in names])
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

    def _job(self, rng, owners, categories, locations, now):
        owner, company = rng.choice(owners)
        skill, skill2 = rng.sample(SKILLS, 2)
        if rng.random() < 0.6:
            title = f"{rng.choice(TITLES_KO)} ({skill}) {rng.choice(LEVELS_KO)}".strip()
            description = DESCRIPTION_KO.format(skill=skill, skill2=skill2)
        else:
            title = f"{rng.choice(LEVELS_EN)} {rng.choice(TITLES_EN)} — {skill}".strip()
            description = DESCRIPTION_EN.format(skill=skill, skill2=skill2)
        low = rng.randrange(25, 90) * 1_000_000 if rng.random() < 0.9 else None
        high = low + rng.randrange(5, 40) * 1_000_000 if low else None
        roll = rng.random()
        status = (
            JobStatus.PUBLISHED
            if roll < 0.9
            else (JobStatus.DRAFT if roll < 0.95 else JobStatus.CLOSED)
        )
        published_at = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 90))
        deadline_days = rng.randrange(-10, 60)
        return {
            "title": title[:200],
            "description": description,
            "company_id": company.pk,
            "company_name": company.name,
            "owner_id": owner.pk,
            "category_id": rng.choice(categories).pk,
            "location_id": rng.choice(locations).pk,
            "employment_type": rng.choice(EmploymentType.values),
            "remote": rng.random() < 0.2,
            "salary_min": low,
            "salary_max": high,
            "status": str(status),
            "deadline": (now + timedelta(days=deadline_days)).date()
            if rng.random() < 0.8
            else None,
            "created_at": published_at,
            "updated_at": now,
            "published_at": published_at if status != JobStatus.DRAFT else None,
            "closed_at": now if status == JobStatus.CLOSED else None,
        }

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
