"""Long texts have a documented limit (jobboard/limits.py; issue #13, item 6): 2,000,000
characters were accepted once. Beyond the limit the page shows a field error, the API answers
problem+json with the field named, the service refuses other callers, and nothing is saved."""

import pytest

from accounts.company_services import company_update
from accounts.exceptions import CompanyInvalid
from accounts.tests.factories import RecruiterFactory
from jobboard.limits import LONG_TEXT_MAX_CHARS
from jobs.models import Job

pytestmark = pytest.mark.django_db

TOO_LONG = "가" * (LONG_TEXT_MAX_CHARS + 1)


def test_company_introduction_page_shows_a_field_error(browser_client_for):
    recruiter = RecruiterFactory()
    company = recruiter.company
    answer = browser_client_for(recruiter).post(
        f"/companies/{company.pk}/edit/", {"name": company.name, "description": TOO_LONG}
    )
    assert answer.status_code == 200
    assert "description" in answer.context["form"].errors
    company.refresh_from_db()
    assert company.description != TOO_LONG


def test_company_introduction_api_is_a_problem_naming_the_field(api_client_for):
    recruiter = RecruiterFactory()
    answer = api_client_for(recruiter).patch(
        f"/api/v1/companies/{recruiter.company.pk}", {"description": TOO_LONG}, format="json"
    )
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert "description" in answer.json()["errors"]


def test_company_introduction_service_refuses_other_callers():
    recruiter = RecruiterFactory()
    with pytest.raises(CompanyInvalid) as refused:
        company_update(company=recruiter.company, user=recruiter, description=TOO_LONG)
    assert refused.value.field == "description"
    fits = "가" * LONG_TEXT_MAX_CHARS
    assert company_update(company=recruiter.company, user=recruiter, description=fits)


def test_job_description_api_is_a_problem_naming_the_field(api_client_for):
    recruiter = RecruiterFactory()
    answer = api_client_for(recruiter).post(
        "/api/v1/jobs",
        {
            "title": "백엔드 개발자",
            "description": TOO_LONG,
            "category": "software",
            "location": "seoul",
            "employment_type": "full_time",
        },
        format="json",
    )
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert "description" in answer.json()["errors"]
    assert not Job.objects.exists()
