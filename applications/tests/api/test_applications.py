"""listApplications, getApplication, transitionApplication, downloadResume."""

import pytest

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from applications.models import ResumeDownload
from applications.tests.factories import ApplicationFactory, OfferApplicationFactory
from candidates.tests.factories import PDF_BYTES
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def ids(response):
    return sorted(item["id"] for item in response.json()["results"])


def test_list_scopes_by_role_and_filters(api_client_for):
    recruiter = RecruiterFactory()
    job_a, job_b = PublishedJobFactory(owner=recruiter), PublishedJobFactory(owner=recruiter)
    mine_a = ApplicationFactory(job=job_a)
    mine_b = ApplicationFactory(job=job_b, stage="screening")
    others = ApplicationFactory()
    assert ids(api_client_for(recruiter).get("/api/v1/applications")) == sorted(
        [mine_a.pk, mine_b.pk]
    )
    recruiter_client = api_client_for(recruiter)
    assert ids(recruiter_client.get(f"/api/v1/applications?job={job_a.pk}")) == [mine_a.pk]
    assert ids(recruiter_client.get("/api/v1/applications?stage=screening")) == [mine_b.pk]
    assert ids(api_client_for(others.applicant).get("/api/v1/applications")) == [others.pk]
    everything = api_client_for(AdminFactory()).get("/api/v1/applications?limit=2")
    assert everything.json()["total"] == 3
    assert len(everything.json()["results"]) == 2


def test_get_with_history_and_404_for_strangers(api_client_for):
    application = ApplicationFactory()
    body = api_client_for(application.job.owner).get(f"/api/v1/applications/{application.pk}")
    assert body.json()["history"][0]["to_stage"] == "applied"
    for stranger in (RecruiterFactory(), JobseekerFactory()):
        response = api_client_for(stranger).get(f"/api/v1/applications/{application.pk}")
        assert response.status_code == 404


def test_transition_200_and_recorded__POL_AP_003(api_client_for):
    application = ApplicationFactory()
    client = api_client_for(application.job.owner)
    response = client.post(
        f"/api/v1/applications/{application.pk}/transitions",
        {"stage": "screening", "note": "서류 좋음"},
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "screening"
    assert response.json()["history"][-1]["note"] == "서류 좋음"


def test_forbidden_transition_409_changes_nothing__POL_AP_003(api_client_for):
    application = OfferApplicationFactory()
    response = api_client_for(application.applicant).post(
        f"/api/v1/applications/{application.pk}/transitions", {"stage": "withdrawn"}
    )
    assert response.status_code == 409
    assert response.json()["type"].endswith("/stage-move-forbidden")
    application.refresh_from_db()
    assert application.stage == "offer"
    assert application.history.count() == 1


def test_unknown_stage_400(api_client_for):
    application = ApplicationFactory()
    response = api_client_for(application.job.owner).post(
        f"/api/v1/applications/{application.pk}/transitions", {"stage": "promoted"}
    )
    assert response.status_code == 400


def test_resume_download_headers_and_log__POL_AP_002(api_client_for):
    application = ApplicationFactory()
    response = api_client_for(application.job.owner).get(
        f"/api/v1/applications/{application.pk}/resume"
    )
    assert response.status_code == 200
    assert response.content == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert ResumeDownload.objects.filter(user=application.job.owner).count() == 1
    api_client_for(application.applicant).get(f"/api/v1/applications/{application.pk}/resume")
    assert ResumeDownload.objects.count() == 1, "the applicant's own downloads are not logged"


def test_other_recruiter_cannot_download__POL_AP_002(api_client_for):
    application = ApplicationFactory()
    response = api_client_for(RecruiterFactory()).get(
        f"/api/v1/applications/{application.pk}/resume"
    )
    assert response.status_code == 404
    assert not ResumeDownload.objects.exists()


@pytest.mark.parametrize(
    ("params", "field"),
    [({"stage": "AAA"}, "stage"), ({"stage": ""}, "stage"), ({"job": "x"}, "job")],
)
def test_list_filters_refuse_unknown_values(api_client_for, params, field):
    response = api_client_for(RecruiterFactory()).get("/api/v1/applications", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]
