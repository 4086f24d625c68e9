"""POL-S-002 pages: save the list page's current filters, see and change saved searches."""

import pytest

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from alerts.models import Frequency, SavedSearch
from alerts.tests.factories import SavedSearchFactory

pytestmark = pytest.mark.django_db


def test_the_job_list_offers_to_save_its_search(browser_client_for):
    page = browser_client_for(JobseekerFactory()).get("/jobs/?q=백엔드&location=seoul")
    assert page.status_code == 200
    assert b'action="/alerts/searches/new/"' in page.content


def test_recruiters_are_not_offered_saved_searches(browser_client_for):
    page = browser_client_for(RecruiterFactory()).get("/jobs/?q=백엔드")
    assert b'action="/alerts/searches/new/"' not in page.content


def test_saving_keeps_the_list_pages_filters__POL_S_002(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    response = browser.post(
        "/alerts/searches/new/",
        {"query": "q=백엔드&location=seoul&salary=5000&sort=salary", "frequency": "weekly"},
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get(user=user)
    assert search.filters == {"q": "백엔드", "location": "seoul", "salary_min": 50_000_000}
    assert search.frequency == Frequency.WEEKLY
    page = browser.get("/alerts/searches/")
    assert "백엔드" in page.content.decode()
    assert "salary=5000" in page.content.decode()


def test_changing_the_frequency_and_deleting(browser_client_for):
    search = SavedSearchFactory()
    browser = browser_client_for(search.user)
    browser.post(f"/alerts/searches/{search.pk}/", {"frequency": "never"})
    search.refresh_from_db()
    assert search.frequency == Frequency.NEVER
    browser.post(f"/alerts/searches/{search.pk}/delete/")
    assert not SavedSearch.objects.filter(pk=search.pk).exists()


def test_another_users_search_is_not_found(browser_client_for):
    search = SavedSearchFactory()
    browser = browser_client_for(JobseekerFactory())
    assert browser.post(f"/alerts/searches/{search.pk}/delete/").status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk).exists()
