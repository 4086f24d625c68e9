"""Issue 8, security: text people type is rendered escaped wherever it appears, and SQL
metacharacters in every filter are data, never SQL (the ORM parameterises every query)."""

import pytest

from applications.tests.factories import ApplicationFactory
from jobs.models import Job
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
METACHARACTERS = ["' OR '1'='1", '"; DROP TABLE jobs_job; --', "%_\\", "1; SELECT pg_sleep(5)"]


def _assert_escaped(html: str) -> None:
    """No tag from the payload survives as markup; the text itself is shown, escaped."""
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_job_title_and_description_are_escaped_on_pages_and_json_ld(client):
    job = PublishedJobFactory(title="개발자 " + PAYLOAD, description=PAYLOAD)
    detail = client.get(f"/jobs/{job.pk}/").content.decode()
    _assert_escaped(detail)
    # Inside the JSON-LD <script>, < and > are \u-escaped so the element cannot be closed.
    assert "</script><img" not in detail
    _assert_escaped(client.get("/jobs/").content.decode())


def test_cover_letter_is_escaped_for_the_recruiter(browser_client_for):
    application = ApplicationFactory(cover_letter=PAYLOAD)
    page = browser_client_for(application.job.owner).get(f"/applications/{application.pk}/")
    assert page.status_code == 200
    _assert_escaped(page.content.decode())


@pytest.mark.parametrize("value", METACHARACTERS)
@pytest.mark.parametrize(
    "param", ["q", "location", "category", "employment_type", "remote", "salary_min", "sort"]
)
def test_job_filters_treat_metacharacters_as_data(api_client, client, param, value):
    PublishedJobFactory(title="Backend")
    api = api_client.get("/api/v1/jobs", {param: value})
    page = client.get("/jobs/", {param: value})
    assert api.status_code in (200, 400)
    assert page.status_code in (200, 400)
    if param == "q":  # free text: a search that finds nothing, not an error
        assert api.status_code == 200
        assert api.json()["total"] == 0
    assert Job.objects.count() == 1


@pytest.mark.parametrize("value", METACHARACTERS)
def test_application_and_order_filters_refuse_metacharacters(api_client_for, value):
    application = ApplicationFactory()
    recruiter = application.job.owner
    client = api_client_for(recruiter)
    assert client.get("/api/v1/applications", {"stage": value}).status_code == 400
    assert client.get("/api/v1/applications", {"job": value}).status_code == 400
    assert client.get("/api/v1/orders", {"status": value}).status_code == 400
