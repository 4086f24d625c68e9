"""Recently viewed jobs (POL-AP-006): a bounded list kept from the job pages a jobseeker
opens, shown on the home and profile pages."""

import pytest
from django.test import Client

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from candidates.models import RECENTLY_VIEWED_KEEP, RecentlyViewedJob
from candidates.selectors import recently_viewed_jobs
from candidates.services import recently_viewed_record
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_opening_job_pages_keeps_the_newest_first__POL_AP_006(browser_client_for):
    jobseeker = JobseekerFactory()
    first, second = PublishedJobFactory(title="첫 공고"), PublishedJobFactory(title="둘째 공고")
    browser = browser_client_for(jobseeker)
    for job in (first, second, first):
        assert browser.get(f"/jobs/{job.pk}/").status_code == 200
    assert recently_viewed_jobs(user=jobseeker) == [first, second]
    home = browser.get("/")
    recent = home.text[home.text.index("최근 본 채용공고") :]  # other sections list jobs too
    assert recent.index("첫 공고") < recent.index("둘째 공고")
    assert "첫 공고" in browser.get("/me/profile/").text


def test_the_list_is_bounded__POL_AP_006():
    jobseeker = JobseekerFactory()
    for job in PublishedJobFactory.create_batch(RECENTLY_VIEWED_KEEP + 3):
        recently_viewed_record(user=jobseeker, job=job)
    assert RecentlyViewedJob.objects.filter(user=jobseeker).count() == RECENTLY_VIEWED_KEEP


def test_closed_jobs_drop_out_of_the_list():
    jobseeker, closed = JobseekerFactory(), ClosedJobFactory()
    recently_viewed_record(user=jobseeker, job=closed)
    assert recently_viewed_jobs(user=jobseeker) == []


def test_recruiters_and_guests_are_not_tracked(browser_client_for):
    job = PublishedJobFactory()
    browser_client_for(RecruiterFactory()).get(f"/jobs/{job.pk}/")
    Client().get(f"/jobs/{job.pk}/")
    assert not RecentlyViewedJob.objects.exists()
