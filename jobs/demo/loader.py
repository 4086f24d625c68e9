"""The demo a visitor of `scripts/serve` sees (README command 1): 24 companies with drawn
logos, their recruiters, three jobseekers, an admin, 240 jobs across every category, a few
premium jobs and banners. Idempotent: a second run changes nothing."""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.logos import logo_store
from accounts.models import Company, Role, User
from jobs.demo.companies import DEMO_COMPANIES, CompanyProfile
from jobs.demo.database import Lookups, build_job, jobs_bulk_create
from jobs.demo.generator import DEFAULT_SEED, generate_jobs
from jobs.demo.logos import draw_logo
from jobs.models import Job, JobOption, JobOptionKind, JobStatus
from jobs.selectors import bump_list_version
from jobs.services import job_premium_refresh

DEMO_PASSWORD = "jobboard-demo-2026"  # noqa: S105 - documented demo credential
DEMO_JOBS = 240
# Generated jobs that carry a paid option (POL-J-005), so ranking and the banner show.
PREMIUM_JOBS = (3, 11, 26, 40, 57, 75)
BANNER_JOBS = (0, 9, 31)


def _company(profile: CompanyProfile, index: int) -> Company:
    company, created = Company.objects.get_or_create(
        name=profile.name,
        defaults={
            "description": profile.description,
            "website": profile.website,
            "industry": profile.industry,
            "size": profile.size,
            "founded_year": profile.founded_year,
            "address": profile.address,
            "benefits": list(profile.benefits),
        },
    )
    if not company.logo_version:
        company.logo_version = logo_store(company.pk, draw_logo(profile, index))
        company.save(update_fields=["logo_version"])
    return company


def _user(email: str, role: str, password_hash: str, **fields) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"role": role, "password": password_hash, **fields}
    )
    return user


@transaction.atomic
def load_demo(*, jobs: int = DEMO_JOBS, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Create what is missing of the demo; returns counts for the command to print."""
    password_hash = make_password(DEMO_PASSWORD)  # one hash for every demo account
    companies = [_company(profile, i) for i, profile in enumerate(DEMO_COMPANIES)]
    recruiters = [
        _user(
            f"recruiter{i + 1}@demo.jobboard.kr",
            Role.RECRUITER,
            password_hash,
            company=company,
            name=f"{company.name} 채용담당자",
        )
        for i, company in enumerate(companies)
    ]
    for i in range(3):
        _user(
            f"jobseeker{i + 1}@demo.jobboard.kr",
            Role.JOBSEEKER,
            password_hash,
            name=f"구직자 {i + 1}",
        )
    _user("admin@demo.jobboard.kr", Role.ADMIN, password_hash, name="관리자", is_superuser=True)
    if not Job.objects.filter(company__in=companies).exists():
        _create_jobs(companies, recruiters, jobs, seed)
    return {"jobs": Job.objects.count(), "companies": len(companies), "users": User.objects.count()}


def _status(index: int) -> dict:
    """A few drafts and closed jobs, so a recruiter's "my jobs" shows every state."""
    if index % 60 == 17:
        return {"status": JobStatus.DRAFT, "published_at": None}
    if index % 60 == 43:
        return {"status": JobStatus.CLOSED, "closed_at": timezone.now()}
    return {}


def _create_jobs(companies, recruiters, count: int, seed: int) -> None:
    lookups = Lookups()
    now = timezone.now()
    pairs = []
    for index, generated in enumerate(generate_jobs(count, seed=seed)):
        job = build_job(
            generated,
            owner=recruiters[generated.company],
            company=companies[generated.company],
            lookups=lookups,
            now=now,
            **_status(index),
        )
        pairs.append((job, generated.skills))
    saved = jobs_bulk_create(pairs, lookups=lookups)
    options = [
        JobOption(job=saved[i], kind=kind, starts_at=now, ends_at=now + timedelta(days=30))
        for indexes, kind in (
            (PREMIUM_JOBS, JobOptionKind.PREMIUM),
            (BANNER_JOBS, JobOptionKind.BANNER),
        )
        for i in indexes
        if i < len(saved)
    ]
    JobOption.objects.bulk_create(options)
    job_premium_refresh(job_ids=[o.job_id for o in options if o.kind == JobOptionKind.PREMIUM])
    bump_list_version()
