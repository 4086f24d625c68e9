"""Reads of saved searches and of the new jobs a digest lists (POL-S-002)."""

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import CompanyFollow, User
from alerts.exceptions import SavedSearchNotFound
from alerts.filters import filters_from_json
from alerts.models import SavedSearch
from jobs.models import Job
from jobs.selectors import job_filter_public


def saved_search_list(*, user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user)


def saved_search_get(*, user: User, pk: int) -> SavedSearch:
    """One of the user's searches; another's is not found (its existence is not told)."""
    search = SavedSearch.objects.filter(user=user, pk=pk).first()
    if search is None:
        raise SavedSearchNotFound()
    return search


def saved_search_new_jobs(*, search: SavedSearch, start: datetime, end: datetime) -> QuerySet[Job]:
    """Open jobs matching the search that were published in [start, end): the companies the
    jobseeker follows first (POL-J-007), then the newest."""
    followed = CompanyFollow.objects.filter(
        user_id=search.user_id, company_id=OuterRef("company_id")
    )
    return (
        job_filter_public(filters_from_json(search.filters))
        .filter(published_at__gte=start, published_at__lt=end)
        .annotate(followed=Exists(followed))
        .order_by("-followed", "-published_at", "-id")
    )
