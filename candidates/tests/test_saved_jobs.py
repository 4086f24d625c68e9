"""Saved jobs (스크랩, POL-S-002): pages that work without script, the fetch answer, API."""

import re

import pytest

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from candidates.models import SavedJob
from candidates.services import saved_job_add, saved_job_remove
from jobboard.errors import PermissionDenied
from jobs.tests.factories import ClosedJobFactory, DraftJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_saving_twice_keeps_one_and_removing_is_idempotent__POL_S_002():
    user, job = JobseekerFactory(), PublishedJobFactory()
    saved_job_add(user=user, job=job)
    saved_job_add(user=user, job=job)
    assert SavedJob.objects.filter(user=user, job=job).count() == 1
    saved_job_remove(user=user, job=job)
    saved_job_remove(user=user, job=job)
    assert not SavedJob.objects.exists()


def test_recruiters_do_not_save_jobs__POL_S_002():
    with pytest.raises(PermissionDenied):
        saved_job_add(user=RecruiterFactory(), job=PublishedJobFactory())


def test_save_from_a_list_card_without_script__POL_S_002(browser_client_for):
    user, job = JobseekerFactory(), PublishedJobFactory(title="스크랩할 공고")
    browser = browser_client_for(user)
    listing = browser.get("/jobs/")
    assert f'action="/me/saved-jobs/{job.pk}/"' in listing.text
    response = browser.post(f"/me/saved-jobs/{job.pk}/", {"next": "/jobs/?page=1"})
    assert response.status_code == 302
    assert response["Location"] == "/jobs/?page=1"
    page = browser.get("/me/saved-jobs/")
    assert "스크랩할 공고" in page.text
    assert 'aria-pressed="true"' in page.text
    assert "data-saved-count>1<" in page.text.replace(" ", "")


def test_unsave_from_the_job_page__POL_S_002(browser_client_for):
    user, job = JobseekerFactory(), PublishedJobFactory()
    SavedJob.objects.create(user=user, job=job)
    browser = browser_client_for(user)
    assert 'value="unsave"' in browser.get(f"/jobs/{job.pk}/").text
    response = browser.post(f"/me/saved-jobs/{job.pk}/", {"action": "unsave"})
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert not SavedJob.objects.exists()


def test_next_to_another_site_is_ignored(browser_client_for):
    job = PublishedJobFactory()
    response = browser_client_for(JobseekerFactory()).post(
        f"/me/saved-jobs/{job.pk}/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/jobs/{job.pk}/"


def test_fetch_gets_json_with_the_count__POL_S_002(browser_client_for):
    user, first, second = JobseekerFactory(), PublishedJobFactory(), PublishedJobFactory()
    browser = browser_client_for(user)
    browser.post(f"/me/saved-jobs/{first.pk}/")
    response = browser.post(f"/me/saved-jobs/{second.pk}/", HTTP_ACCEPT="application/json")
    assert response.json() == {"saved": True, "count": 2}


def test_someone_elses_draft_cannot_be_saved(browser_client_for):
    draft = DraftJobFactory()
    response = browser_client_for(JobseekerFactory()).post(f"/me/saved-jobs/{draft.pk}/")
    assert response.status_code == 404


def test_saved_page_marks_closed_jobs(browser_client_for):
    user = JobseekerFactory()
    SavedJob.objects.create(user=user, job=ClosedJobFactory(title="끝난 공고"))
    page = browser_client_for(user).get("/me/saved-jobs/")
    assert "끝난 공고" in page.text
    assert "badge-muted" in page.text


def test_guests_see_no_save_button(client):
    job = PublishedJobFactory()
    assert "save-job-form" not in client.get("/jobs/").text
    assert "save-job-form" not in client.get(f"/jobs/{job.pk}/").text


def test_api_save_list_unsave__POL_S_002(api_client_for):
    user, job = JobseekerFactory(), PublishedJobFactory(title="API 공고")
    client = api_client_for(user)
    assert client.put(f"/api/v1/me/saved-jobs/{job.pk}").status_code == 204
    assert client.put(f"/api/v1/me/saved-jobs/{job.pk}").status_code == 204
    listed = client.get("/api/v1/me/saved-jobs").json()
    assert [item["job"]["title"] for item in listed] == ["API 공고"]
    assert listed[0]["job"]["is_open"] is True
    assert client.delete(f"/api/v1/me/saved-jobs/{job.pk}").status_code == 204
    assert client.get("/api/v1/me/saved-jobs").json() == []


def test_api_unknown_job_is_404(api_client_for):
    response = api_client_for(JobseekerFactory()).put("/api/v1/me/saved-jobs/999999")
    assert response.status_code == 404


def _pressed(page: str, job) -> str | None:
    """The 스크랩 button's state on `job`'s card, None when it has none."""
    form = re.search(rf'action="/me/saved-jobs/{job.pk}/".*?aria-pressed="(\w+)"', page, re.S)
    return form[1] if form else None


@pytest.mark.parametrize("path", ["/", "/jobs/"])
def test_each_visitor_sees_their_own_save_buttons_whoever_filled_the_cache__POL_S_002(
    client, browser_client_for, path
):
    """The list's results and the home page's rows are cached for everyone (ADR 0088): the
    cards' buttons are each visitor's own, never those of whoever filled the cache."""
    job = PublishedJobFactory(title="스크랩 공고")
    saver, other = JobseekerFactory(), JobseekerFactory()
    saved_job_add(user=saver, job=job)
    pages = [
        ("saver", browser_client_for(saver).get(path).text),
        ("guest", client.get(path).text),
        ("other", browser_client_for(other).get(path).text),
        ("recruiter", browser_client_for(RecruiterFactory()).get(path).text),
        ("saver", browser_client_for(saver).get(path).text),
    ]
    states = [(who, _pressed(page, job)) for who, page in pages]
    assert states == [
        ("saver", "true"),
        ("guest", None),
        ("other", "false"),
        ("recruiter", None),
        ("saver", "true"),
    ]
    assert "card-visitor" not in "".join(page for _, page in pages)


def test_the_save_button_returns_to_the_visitors_own_page(browser_client_for):
    """`next` is this visitor's URL, not that of the request that filled the cache."""
    PublishedJobFactory()
    seeker = browser_client_for(JobseekerFactory())
    seeker.get("/jobs/?sort=latest")
    page = seeker.get("/jobs/?sort=latest&utm_source=mail").text
    assert 'name="next" value="/jobs/?sort=latest&amp;utm_source=mail"' in page
