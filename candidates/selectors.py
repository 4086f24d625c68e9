"""Reads of the jobseeker's own data (POL-AP-006)."""

from django.db.models import QuerySet

from accounts.models import User
from candidates.exceptions import StoredResumeNotFound
from candidates.models import (
    RECENTLY_VIEWED_KEEP,
    Profile,
    RecentlyViewedJob,
    SavedJob,
    StoredResume,
)
from jobs.models import Job
from jobs.selectors import job_list_open


def profile_get(*, user: User) -> Profile:
    """The user's profile with its lists, or an unsaved empty one (created on first edit),
    so a read never writes."""
    profile = (
        Profile.objects.prefetch_related("desired_categories", "desired_locations", "skills")
        .filter(user=user)
        .first()
    )
    return profile if profile is not None else Profile(user=user)


def stored_resume_list(*, user: User) -> QuerySet[StoredResume]:
    """The user's stored résumés, the default first, then newest."""
    return StoredResume.objects.filter(owner=user).order_by("-is_default", "-created_at", "-id")


def stored_resume_get(*, user: User, resume_id: int) -> StoredResume:
    """One of the user's stored résumés; anyone else's is NotFound (no existence leak)."""
    resume = StoredResume.objects.filter(owner=user, pk=resume_id).first()
    if resume is None:
        raise StoredResumeNotFound()
    return resume


def recently_viewed_jobs(*, user: User, limit: int = 6) -> list[Job]:
    """The jobseeker's recently opened jobs that are still open, newest view first."""
    ids = list(
        RecentlyViewedJob.objects.filter(user=user)
        .order_by("-viewed_at", "-id")
        .values_list("job_id", flat=True)[:RECENTLY_VIEWED_KEEP]
    )
    jobs = job_list_open().filter(pk__in=ids).select_related("company", "location")
    by_id = {job.pk: job for job in jobs}
    return [by_id[pk] for pk in ids if pk in by_id][:limit]


def saved_job_list(*, user: User) -> QuerySet[SavedJob]:
    """The jobseeker's saved jobs, newest saved first, closed ones included (their page
    says so)."""
    return (
        SavedJob.objects.filter(user=user)
        .select_related("job", "job__company", "job__location")
        .order_by("-created_at", "-id")
    )


def saved_job_ids(*, user: User) -> frozenset[int]:
    """The ids of the jobs the user saved, read once per request (cards, header count)."""
    cached: frozenset[int] | None = getattr(user, "_saved_job_ids", None)
    if cached is None:
        cached = frozenset(SavedJob.objects.filter(user=user).values_list("job_id", flat=True))
        user._saved_job_ids = cached  # type: ignore[attr-defined]  # per-request memo
    return cached
