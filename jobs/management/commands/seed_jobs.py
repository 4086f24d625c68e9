"""Seed N realistic jobs (Korean and English) for benchmarks and query plans:
`manage.py seed_jobs 100000`. Companies and recruiters are created as needed; about 1 % of
jobs get an active premium option and 0.1 % a banner. Rows go in with bulk_create in
batches, then indexed for search per batch."""

import random
import sys
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Company, Role, User
from jobs.models import Category, EmploymentType, Job, JobOption, JobOptionKind, JobStatus, Location
from jobs.search import get_backend

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


class Command(BaseCommand):
    help = "Seed N realistic jobs (with companies and recruiters) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--companies", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, batch, companies, seed, **options):
        rng = random.Random(seed)  # noqa: S311 - fake data, not secrets
        owners = self._recruiters(companies, rng)
        categories = list(Category.objects.all())
        locations = list(Location.objects.all())
        now = timezone.now()
        done = 0
        while done < count:
            size = min(batch, count - done)
            jobs = [self._job(rng, owners, categories, locations, now) for _ in range(size)]
            with transaction.atomic():
                created = Job.objects.bulk_create(jobs)
                get_backend().index(created)
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
        return Job(
            title=title[:200],
            description=description,
            company=company,
            company_name=company.name,
            owner=owner,
            category=rng.choice(categories),
            location=rng.choice(locations),
            employment_type=rng.choice(EmploymentType.values),
            remote=rng.random() < 0.2,
            salary_min=low,
            salary_max=high,
            status=status,
            deadline=(now + timedelta(days=deadline_days)).date() if rng.random() < 0.8 else None,
            created_at=published_at,
            published_at=published_at if status != JobStatus.DRAFT else None,
            closed_at=now if status == JobStatus.CLOSED else None,
        )

    def _options(self, rng, jobs, now):
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
