import pytest

from accounts.tests.factories import AdminFactory
from jobs.tests.factories import PremiumOptionFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_admin_job_changelist_filters_and_searches(browser_client_for):
    job = PublishedJobFactory(title="관리자 검색 공고")
    PremiumOptionFactory(job=job)
    browser = browser_client_for(AdminFactory())
    response = browser.get(
        "/admin/jobs/job/",
        {"status__exact": "published", "q": "관리자", "company__id__exact": job.company_id},
    )
    assert response.status_code == 200
    assert "관리자 검색 공고" in response.content.decode()
    assert browser.get(f"/admin/jobs/job/{job.pk}/change/").status_code == 200
    for path in ("/admin/jobs/category/", "/admin/jobs/location/", "/admin/jobs/joboption/"):
        assert browser.get(path).status_code == 200
    assert browser.get("/admin/jobs/joboption/add/").status_code == 403
