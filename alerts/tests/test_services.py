"""POL-S-002: a jobseeker keeps up to 20 searches, each with a digest frequency."""

import pytest

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from alerts.exceptions import SavedSearchNotFound, TooManySavedSearches
from alerts.filters import filters_from_json, filters_to_json, list_query
from alerts.models import Frequency, SavedSearch
from alerts.services import (
    MAX_SAVED_SEARCHES,
    saved_search_create,
    saved_search_delete,
    saved_search_unsubscribe,
    saved_search_update,
    unsubscribe_token,
)
from alerts.tests.factories import SavedSearchFactory
from jobboard.errors import PermissionDenied
from jobs.selectors import JobFilters

pytestmark = pytest.mark.django_db


def test_filters_round_trip_without_the_sort():
    filters = JobFilters(
        q="파이썬",
        location="seoul",
        remote=True,
        salary_min=50_000_000,
        skills=("django", "python"),
        sort="salary",
    )
    stored = filters_to_json(filters)
    assert stored == {
        "q": "파이썬",
        "location": "seoul",
        "remote": True,
        "salary_min": 50_000_000,
        "skills": ["django", "python"],
    }
    assert filters_from_json(stored) == JobFilters(
        q="파이썬",
        location="seoul",
        remote=True,
        salary_min=50_000_000,
        skills=("django", "python"),
    )


def test_the_list_page_query_runs_the_same_search():
    query = list_query({"q": "백엔드", "salary_min": 50_000_000, "skills": ["python"]})
    assert "q=%EB%B0%B1%EC%97%94%EB%93%9C" in query
    assert "salary=5000" in query
    assert "skills=python" in query


def test_a_jobseeker_saves_a_search__POL_S_002():
    user = JobseekerFactory()
    search = saved_search_create(
        user=user, filters=JobFilters(q="백엔드", location="seoul"), frequency=Frequency.WEEKLY
    )
    assert (search.name, search.frequency) == ("백엔드", Frequency.WEEKLY)
    assert search.filters == {"q": "백엔드", "location": "seoul"}


def test_at_most_twenty_searches__POL_S_002():
    user = JobseekerFactory()
    SavedSearchFactory.create_batch(MAX_SAVED_SEARCHES, user=user)
    with pytest.raises(TooManySavedSearches):
        saved_search_create(user=user, filters=JobFilters(), frequency=Frequency.DAILY)
    assert SavedSearch.objects.filter(user=user).count() == MAX_SAVED_SEARCHES


def test_recruiters_do_not_save_searches():
    with pytest.raises(PermissionDenied):
        saved_search_create(user=RecruiterFactory(), filters=JobFilters(), frequency="daily")


def test_only_the_owner_changes_or_deletes_a_search():
    search = SavedSearchFactory()
    other = JobseekerFactory()
    with pytest.raises(SavedSearchNotFound):
        saved_search_update(user=other, pk=search.pk, frequency=Frequency.NEVER)
    with pytest.raises(SavedSearchNotFound):
        saved_search_delete(user=other, pk=search.pk)
    saved_search_update(user=search.user, pk=search.pk, frequency=Frequency.WEEKLY)
    search.refresh_from_db()
    assert search.frequency == Frequency.WEEKLY


def test_unsubscribe_needs_a_token_signed_by_us__POL_S_002():
    search = SavedSearchFactory()
    assert saved_search_unsubscribe(token=f"{search.pk}:forged") is None
    assert saved_search_unsubscribe(token=unsubscribe_token(search)) == search
    search.refresh_from_db()
    assert search.frequency == Frequency.NEVER
