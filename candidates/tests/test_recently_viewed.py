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


def test_the_job_page_keeps_the_list_bounded_and_moves_a_job_seen_again__POL_AP_006(
    browser_client_for,
):
    """The page reads the rows with the job and records the view in one upsert (plus one
    delete when the list is full): the same list as recently_viewed_record's own reads."""
    jobseeker = JobseekerFactory()
    jobs = PublishedJobFactory.create_batch(RECENTLY_VIEWED_KEEP + 2)
    browser = browser_client_for(jobseeker)
    for job in jobs:
        assert browser.get(f"/jobs/{job.pk}/").status_code == 200
    kept = RecentlyViewedJob.objects.filter(user=jobseeker)
    assert set(kept.values_list("job_id", flat=True)) == {j.pk for j in jobs[2:]}
    browser.get(f"/jobs/{jobs[2].pk}/")  # the oldest kept becomes the newest, nothing dropped
    assert kept.count() == RECENTLY_VIEWED_KEEP
    assert recently_viewed_jobs(user=jobseeker)[:2] == [jobs[2], jobs[-1]]


def test_the_home_page_lists_what_the_selector_lists__POL_AP_006(browser_client_for):
    """The home page reads the recently viewed jobs in its union: same jobs, same order,
    closed ones left out, at most six."""
    jobseeker = JobseekerFactory()
    jobs = [PublishedJobFactory(title=f"본 공고 {n}") for n in range(8)]
    for job in jobs:
        recently_viewed_record(user=jobseeker, job=job)
    jobs[5].status = "closed"
    jobs[5].save()
    home = browser_client_for(jobseeker).get("/", HTTP_ACCEPT_LANGUAGE="ko").text
    recent = home[home.index("최근 본 채용공고") :]
    recent = recent[: recent.index("</section>")]
    shown = [j for j in jobs if f"{j.title}<" in recent]
    shown.sort(key=lambda j: recent.index(f"{j.title}<"))
    assert shown == recently_viewed_jobs(user=jobseeker) == [jobs[n] for n in (7, 6, 4, 3, 2, 1)]
