"""Generated jobs into the database, in bulk: one INSERT per batch of jobs, one per batch of
skill tags, then the batch handed to the search index (ADR 0059)."""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from jobs.demo.generator import GeneratedJob
from jobs.matching.store import job_match_skills_refresh
from jobs.models import Category, Job, JobStatus, Location, Skill
from jobs.search import get_backend
from jobs.selectors import bump_list_version


class Lookups:
    """Codes → rows for categories, locations and skills, read once."""

    def __init__(self):
        self.categories = {c.code: c for c in Category.objects.all()}
        self.locations = {loc.code: loc for loc in Location.objects.all()}
        self.skills = dict(Skill.objects.values_list("code", "pk"))


def build_job(
    generated: GeneratedJob, *, owner, company, lookups: Lookups, now: datetime, **overrides
) -> Job:
    """An unsaved, published Job from generated content (`overrides` set other fields)."""
    published_at = now - timedelta(minutes=generated.published_minutes_ago)
    deadline = (
        None
        if generated.deadline_in_days is None
        else timezone.localdate(now) + timedelta(days=generated.deadline_in_days)
    )
    fields = {
        **generated.model_fields(),
        "owner": owner,
        "company": company,
        "company_name": company.name,
        "category": lookups.categories[generated.category],
        "location": lookups.locations[generated.location],
        "status": JobStatus.PUBLISHED,
        "published_at": published_at,
        "created_at": published_at,
        "deadline": deadline,
        **overrides,
    }
    return Job(**fields)


def jobs_bulk_create(
    pairs: Iterable[tuple[Job, Sequence[str]]], *, lookups: Lookups, batch_size: int = 2000
) -> list[Job]:
    """Insert (job, skill codes) pairs in one transaction; returns the saved jobs."""
    pairs = list(pairs)
    through = Job.skills.through
    with transaction.atomic():
        jobs = Job.objects.bulk_create([job for job, _ in pairs], batch_size=batch_size)
        tags = [
            through(job_id=job.pk, skill_id=lookups.skills[code])
            for job, (_, codes) in zip(jobs, pairs, strict=True)
            for code in codes
            if code in lookups.skills
        ]
        through.objects.bulk_create(tags, batch_size=batch_size * 4)
        get_backend().index(jobs)  # bulk_create sends no signals: index the batch here
        job_match_skills_refresh(jobs)  # and store its skills for matching (ADR 0075)
    bump_list_version()  # bulk_create sends no signals: cached lists must still see them
    return jobs
