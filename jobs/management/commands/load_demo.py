"""Demo data for README command 1: companies, recruiters, jobseekers, an admin and jobs.
Idempotent: running it again changes nothing. Passwords are documented in the README."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
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
)

DEMO_PASSWORD = "jobboard-demo-2026"  # noqa: S105 - documented demo credential

COMPANIES = [
    ("한빛소프트웨어", "판교의 B2B SaaS 회사입니다.", "https://hanbit.example"),
    (
        "Seoul Robotics Lab",
        "Autonomous logistics robots, built in Seoul.",
        "https://robotics.example",
    ),
    ("바다커머스", "부산 기반의 이커머스 플랫폼.", "https://bada.example"),
]
JOBS = [
    (
        0,
        "백엔드 개발자 (Python/Django)",
        "software",
        "seoul",
        EmploymentType.FULL_TIME,
        55_000_000,
        80_000_000,
        True,
    ),
    (
        0,
        "프론트엔드 개발자 (React)",
        "software",
        "gyeonggi",
        EmploymentType.FULL_TIME,
        50_000_000,
        75_000_000,
        False,
    ),
    (0, "데이터 엔지니어", "data", "seoul", EmploymentType.FULL_TIME, 60_000_000, 90_000_000, True),
    (
        1,
        "Robotics Software Engineer (C++/ROS)",
        "software",
        "seoul",
        EmploymentType.FULL_TIME,
        65_000_000,
        95_000_000,
        False,
    ),
    (
        1,
        "Machine Learning Engineer",
        "data",
        "seoul",
        EmploymentType.CONTRACT,
        70_000_000,
        100_000_000,
        True,
    ),
    (
        1,
        "Product Designer",
        "design",
        "seoul",
        EmploymentType.FULL_TIME,
        48_000_000,
        70_000_000,
        False,
    ),
    (
        1,
        "Summer Intern — Perception",
        "data",
        "daejeon",
        EmploymentType.INTERNSHIP,
        24_000_000,
        28_000_000,
        False,
    ),
    (
        2,
        "마케팅 매니저",
        "marketing",
        "busan",
        EmploymentType.FULL_TIME,
        40_000_000,
        55_000_000,
        False,
    ),
    (
        2,
        "고객지원 상담원 (파트타임)",
        "customer",
        "busan",
        EmploymentType.PART_TIME,
        20_000_000,
        26_000_000,
        False,
    ),
    (
        2,
        "재무회계 담당자",
        "finance",
        "busan",
        EmploymentType.FULL_TIME,
        42_000_000,
        58_000_000,
        False,
    ),
    (
        2,
        "서비스 기획자 (PM)",
        "product",
        "seoul",
        EmploymentType.FULL_TIME,
        50_000_000,
        72_000_000,
        True,
    ),
    (
        0,
        "DevOps 엔지니어 (Kubernetes)",
        "software",
        "gyeonggi",
        EmploymentType.FULL_TIME,
        60_000_000,
        85_000_000,
        True,
    ),
]
DESCRIPTION = (
    "주요 업무\n- 서비스의 핵심 기능을 설계하고 개발합니다.\n- 동료와 코드 리뷰를 주고받습니다.\n\n"
    "자격 요건\n- 관련 경력 2년 이상 또는 그에 준하는 역량\n\n"
    "What you'll do\n- Build and run the features our customers rely on.\n"
    "- Work closely with design and product.\n"
)


class Command(BaseCommand):
    help = "Load demo companies, users and jobs (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        companies = [
            Company.objects.get_or_create(name=name, defaults={"description": d, "website": w})[0]
            for name, d, w in COMPANIES
        ]
        recruiters = [
            self._user(
                f"recruiter{i + 1}@demo.jobboard.kr",
                Role.RECRUITER,
                company=c,
                name=f"채용담당자 {i + 1}",
            )
            for i, c in enumerate(companies)
        ]
        for i in range(3):
            self._user(f"jobseeker{i + 1}@demo.jobboard.kr", Role.JOBSEEKER, name=f"구직자 {i + 1}")
        self._user("admin@demo.jobboard.kr", Role.ADMIN, name="관리자", is_superuser=True)
        now = timezone.now()
        jobs = []
        for n, (c, title, cat, loc, kind, low, high, remote) in enumerate(JOBS):
            job, _ = Job.objects.get_or_create(
                title=title,
                company=companies[c],
                defaults={
                    "description": DESCRIPTION,
                    "owner": recruiters[c],
                    "category": Category.objects.get(code=cat),
                    "location": Location.objects.get(code=loc),
                    "employment_type": kind,
                    "remote": remote,
                    "salary_min": low,
                    "salary_max": high,
                    "status": JobStatus.PUBLISHED,
                    "published_at": now - timedelta(hours=n * 7),
                    "deadline": (now + timedelta(days=30 + n)).date(),
                },
            )
            jobs.append(job)
        # A premium listing and a main-page banner, so ranking shows on a fresh install
        # (POL-J-005); created once, never extended by a re-run.
        for job, kind in ((jobs[0], JobOptionKind.BANNER), (jobs[4], JobOptionKind.PREMIUM)):
            JobOption.objects.get_or_create(
                job=job,
                kind=kind,
                defaults={"starts_at": now, "ends_at": now + timedelta(days=30)},
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {Job.objects.count()} jobs, {User.objects.count()} users. "
                f"Every demo account's password is {DEMO_PASSWORD}"
            )
        )

    @staticmethod
    def _user(email, role, **fields):
        user, created = User.objects.get_or_create(email=email, defaults={"role": role, **fields})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user
