"""Reads of the jobseeker's own data (POL-AP-006)."""

from django.db.models import QuerySet

from accounts.models import User
from candidates.exceptions import StoredResumeNotFound
from candidates.models import Profile, StoredResume


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
