"""Reads of the jobseeker's own data (POL-AP-006)."""

from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.expressions import BaseExpression

from accounts.models import User
from candidates.exceptions import StoredResumeNotFound
from candidates.models import (
    RECENTLY_VIEWED_KEEP,
    Profile,
    RecentlyViewedJob,
    SavedJob,
    StoredResume,
)
from candidates.policies import can_edit_profile, can_manage_resumes
from jobboard.json_rows import instances, json_array, json_rows, set_prefetched
from jobs.models import Category, Job, Location, Skill
from jobs.selectors import forget_reference_rows, job_list_open, reference_rows

# The profile's lists, each an array of ids in its row (profile_get).
_PROFILE_LISTS: dict[str, tuple[type[Category | Location | Skill], str]] = {
    "desired_categories": (Category, "category_id"),
    "desired_locations": (Location, "location_id"),
    "skills": (Skill, "skill_id"),
}


def profile_get(*, user: User) -> Profile:
    """The user's profile with its lists, or an unsaved empty one (created on first edit),
    so a read never writes. One query: the lists come as arrays of ids in the profile's
    row, their rows from the reference rows this process holds (jobs.selectors.
    reference_rows, read again when a list names a row added since; issue 17's budget)."""
    mine = OuterRef("pk")
    arrays = {
        f"{name}_id_list": json_array(
            getattr(Profile, name).through.objects.filter(profile=mine), F(column)
        )
        for name, (_model, column) in _PROFILE_LISTS.items()
    }
    profile = Profile.objects.filter(user=user).annotate(**arrays).first()
    if profile is None:
        return Profile(user=user)
    for name, (model, _column) in _PROFILE_LISTS.items():
        ids = set(getattr(profile, f"{name}_id_list") or ())
        rows = reference_rows(model, active_only=False)
        if not ids <= {row.pk for row in rows}:
            forget_reference_rows()
            rows = reference_rows(model, active_only=False)
        set_prefetched(profile, name, [row for row in rows if row.pk in ids])
    return profile


def stored_resume_list(*, user: User) -> QuerySet[StoredResume]:
    """The user's stored résumés, the default first, then newest."""
    return StoredResume.objects.filter(owner=user).order_by("-is_default", "-created_at", "-id")


def stored_resume_get(*, user: User, resume_id: int) -> StoredResume:
    """One of the user's stored résumés; anyone else's is NotFound (no existence leak)."""
    resume = StoredResume.objects.filter(owner=user, pk=resume_id).first()
    if resume is None:
        raise StoredResumeNotFound()
    return resume


def _recently_viewed(user: User) -> QuerySet[Job]:
    """The open jobs of the user's recently viewed list, newest view first: one query."""
    views = RecentlyViewedJob.objects.filter(user=user)
    newest = views.order_by("-viewed_at", "-id").values("job_id")[:RECENTLY_VIEWED_KEEP]
    view = views.filter(job=OuterRef("pk"))
    return (
        job_list_open()
        .filter(pk__in=newest)
        .order_by(Subquery(view.values("viewed_at")).desc(), Subquery(view.values("id")).desc())
    )


def recently_viewed_part(*, user: User, limit: int = 6) -> QuerySet[Job]:
    """recently_viewed_jobs as an ordered slice of open jobs, for a page that reads it with
    its other rows in one union (the home page, jobs.selectors.job_list_home)."""
    return _recently_viewed(user)[:limit]


def recently_viewed_jobs(*, user: User, limit: int = 6) -> list[Job]:
    """The jobseeker's recently opened jobs that are still open, newest view first, with
    their company and location: one query."""
    return list(_recently_viewed(user).select_related("company", "location")[:limit])


def saved_job_list(*, user: User) -> QuerySet[SavedJob]:
    """The jobseeker's saved jobs, newest saved first, closed ones included (their page
    says so)."""
    return (
        SavedJob.objects.filter(user=user)
        .select_related("job", "job__company", "job__location")
        .order_by("-created_at", "-id")
    )


def saved_job_ids_expression() -> BaseExpression:
    """The ids of the jobs a user saved, as one array over a user row: read with the
    signed-in user (accounts.authentication's SIGNED_IN_ANNOTATIONS, issue 17's budget), as
    of sign-in like the header's other figures; a save or un-save answers with a redirect
    or flips the button in place."""
    return json_array(SavedJob.objects.filter(user=OuterRef("pk")), F("job_id"))


def saved_job_ids(*, user: User) -> frozenset[int]:
    """The ids of the jobs the user saved, read once per request (cards, header count):
    from the sign-in's row when it carries them, else one query."""
    cached: frozenset[int] | None = getattr(user, "_saved_job_ids", None)
    if cached is None:
        if hasattr(user, "saved_job_id_list"):  # None: no row to aggregate (SQLite)
            cached = frozenset(user.saved_job_id_list or ())
        else:
            cached = frozenset(SavedJob.objects.filter(user=user).values_list("job_id", flat=True))
        user._saved_job_ids = cached  # type: ignore[attr-defined]  # per-request memo
    return cached


def default_resume_expression(user: User) -> BaseExpression | None:
    """The viewer's default stored résumé (one-click apply, POL-AP-006) read with the job on
    its page (jobs.selectors.JOB_PAGE_ANNOTATIONS); nothing for users without résumés."""
    if not can_manage_resumes(user):
        return None
    fields = tuple(field.attname for field in StoredResume._meta.concrete_fields)
    return json_rows(StoredResume.objects.filter(owner=user, is_default=True), fields)


def default_resume_from(rows: list[dict[str, Any]] | None) -> StoredResume | None:
    found: list[StoredResume] = instances(StoredResume, rows)
    return found[0] if found else None


def recently_viewed_ids_expression(user: User) -> BaseExpression | None:
    """The job ids in the viewer's recently viewed list, read with the job on its page, so
    recording the view needs no read of its own (candidates.services.
    recently_viewed_record); None on SQLite when the list is empty."""
    if not can_edit_profile(user):
        return None
    return json_array(RecentlyViewedJob.objects.filter(user=user), F("job_id"))
