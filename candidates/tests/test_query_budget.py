"""Issue 17 for signed-in jobseekers (ADR 0075): the home page, a job page and a company
page cost at most 4 SQL queries, shared cache cold, for a jobseeker with what a real one
has — a profile with skills and desired categories, a stored résumé, saved jobs and
recently viewed jobs — so recommendations, 스크랩 state, one-click apply and the recently
viewed list are all on the page. Counted, never timed."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import JobseekerFactory
from candidates.models import RECENTLY_VIEWED_KEEP, RecentlyViewedJob
from candidates.services import profile_update, recently_viewed_record, saved_job_add
from candidates.tests.factories import StoredResumeFactory
from jobs.matching.recommend import reference
from jobs.models import Category, Job, Skill
from jobs.tests.factories import PublishedJobFactory
from jobs.tests.test_query_budget import MAX_QUERIES, cold_queries
from jobs.tests.test_query_budget import jobs as jobs  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(jobs):  # noqa: F811 - the fixture imported above
    """A jobseeker with a profile, a stored résumé, two saved and three recently viewed
    jobs."""
    user = JobseekerFactory()
    profile_update(
        user=user,
        skills=Skill.objects.filter(code__in=["python", "django"]),
        desired_categories=Category.objects.filter(code="software"),
        experience_years=3,
        education="bachelor",
        desired_salary_manwon=5000,
    )
    resume = StoredResumeFactory(owner=user, is_default=True)
    resume.skills.set(Skill.objects.filter(code="aws"))
    others = Job.objects.exclude(pk=jobs.pk).filter(~Q(title__contains="배너")).order_by("pk")
    for job in others[:2]:
        saved_job_add(user=user, job=job)
    saved_job_add(user=user, job=jobs)
    for job in others[2:5]:
        recently_viewed_record(user=user, job=job)
    return user


def other_job(job):
    return Job.objects.exclude(pk=job.pk).order_by("-pk").values_list("pk", flat=True)[0]


PAGES = ["/", "/jobs/{job}/", "/companies/{company}/"]


@pytest.mark.parametrize("page", PAGES)
def test_a_jobseekers_page_costs_at_most_four_queries_cold(browser_client_for, jobs, seeker, page):  # noqa: F811
    browser = browser_client_for(seeker)
    path = page.format(job=jobs.pk, company=jobs.company_id)
    # Warmed on another page of the same kind, so the measured one records a new view.
    browser.get(
        page.format(job=other_job(jobs), company=jobs.company_id) if "{job}" in page else path
    )
    assert cold_queries(browser, path) <= MAX_QUERIES


def test_a_job_page_costs_at_most_four_queries_when_the_viewed_list_is_full(
    browser_client_for,
    jobs,  # noqa: F811
    seeker,
):
    """Worst case: the view is new and the list full, so the oldest view is dropped too
    (sign-in, the job with the viewer's rows, the upsert, the delete)."""
    for job in PublishedJobFactory.create_batch(RECENTLY_VIEWED_KEEP):
        recently_viewed_record(user=seeker, job=job)
    browser = browser_client_for(seeker)
    browser.get(f"/jobs/{other_job(jobs)}/")
    assert cold_queries(browser, f"/jobs/{jobs.pk}/") <= MAX_QUERIES
    assert RecentlyViewedJob.objects.filter(user=seeker).count() == RECENTLY_VIEWED_KEEP


def test_a_jobseekers_home_keeps_their_sections_when_its_rows_are_cached(
    client,
    browser_client_for,
    jobs,  # noqa: F811
    seeker,
):
    """A guest filled the home page's shared rows (ADR 0088): the jobseeker's page reads
    only their own sections, and still shows them."""
    client.get("/")
    browser = browser_client_for(seeker)
    browser.get("/jobs/")  # signed in: the process's first request of this user
    reference()  # and the process holds what matching reads of locations and categories
    with CaptureQueriesContext(connection) as queries:
        page = browser.get("/").text
    assert len(queries) <= MAX_QUERIES
    assert 'id="recommended-heading"' in page
    assert 'id="recent-heading"' in page
    assert 'id="latest-heading"' in page
