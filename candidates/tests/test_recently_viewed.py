"""Recently viewed jobs (POL-AP-006): a bounded list kept from the job pages a jobseeker
opens, shown on the home and profile pages."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from candidates.models import RECENTLY_VIEWED_KEEP, RecentlyViewedJob
from candidates.selectors import recently_viewed_jobs
from candidates.services import recently_viewed_record
from jobboard import replicas
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


def test_a_job_viewed_again_meanwhile_is_not_the_one_dropped__POL_AP_006():
    """Two pages of one jobseeker at once (ADR 0087): the first read the full list before
    the second moved the oldest job to the top. Recording the first page's view drops what
    is oldest now, never the job just viewed again."""
    jobseeker = JobseekerFactory()
    jobs = PublishedJobFactory.create_batch(RECENTLY_VIEWED_KEEP + 1)
    for job in jobs[:RECENTLY_VIEWED_KEEP]:
        recently_viewed_record(user=jobseeker, job=job)
    read_by_the_first_page = [job.pk for job in jobs[:RECENTLY_VIEWED_KEEP]]
    recently_viewed_record(user=jobseeker, job=jobs[0])  # the second page
    recently_viewed_record(user=jobseeker, job=jobs[-1], listed=read_by_the_first_page)
    newest_first = [jobs[-1], jobs[0], *reversed(jobs[2:RECENTLY_VIEWED_KEEP])]
    assert recently_viewed_jobs(user=jobseeker, limit=RECENTLY_VIEWED_KEEP) == newest_first


@override_settings(DATABASE_ROUTERS=["jobboard.replicas.PrimaryReplicaRouter"])
def test_recording_a_view_pins_nobody_to_the_primary(monkeypatch):
    """With a read replica (ADR 0068), a job page that records the view, the list full so
    the oldest is dropped too, leaves the jobseeker and their address reading from the
    replica (ADR 0087): every jobseeker's every page would be on the primary otherwise."""
    monkeypatch.setattr(replicas, "replica_configured", lambda: True)
    # No replica database in the test settings: reads stay on the primary, the pins are checked.
    monkeypatch.setattr(replicas.health, "is_usable", lambda: False)
    jobseeker, job = JobseekerFactory(), PublishedJobFactory()
    earlier = PublishedJobFactory.create_batch(RECENTLY_VIEWED_KEEP)
    for seen in earlier:
        recently_viewed_record(user=jobseeker, job=seen)
    request = RequestFactory().get(f"/jobs/{job.pk}/", REMOTE_ADDR="10.0.0.5")
    request.user = jobseeker

    def job_page(request):
        recently_viewed_record(user=jobseeker, job=job, listed=[seen.pk for seen in earlier])
        return HttpResponse("ok")

    replicas.ReplicaPinMiddleware(job_page)(request)
    assert recently_viewed_jobs(user=jobseeker)[0] == job
    assert RecentlyViewedJob.objects.filter(user=jobseeker).count() == RECENTLY_VIEWED_KEEP
    pins = [f"{replicas.PIN_KEY}user:{jobseeker.pk}", f"{replicas.PIN_KEY}ip:10.0.0.5"]
    assert cache.get_many(pins) == {}


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
