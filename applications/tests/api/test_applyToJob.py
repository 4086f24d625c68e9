from pathlib import Path

import pytest

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from applications.models import Application
from candidates.tests.factories import PDF_BYTES, docx_upload, pdf_upload
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def apply(client, job, **data):
    payload = {"resume": pdf_upload(), "cover_letter": "잘 부탁드립니다", **data}
    return client.post(f"/api/v1/jobs/{job.pk}/apply", payload, format="multipart")


def test_jobseeker_applies_201__POL_AP_001(api_client_for):
    job, jobseeker = PublishedJobFactory(), JobseekerFactory()
    response = apply(api_client_for(jobseeker), job)
    assert response.status_code == 201
    body = response.json()
    assert body["stage"] == "applied"
    assert body["job"]["id"] == job.pk
    assert body["resume"]["content_type"] == "application/pdf"
    assert body["resume"]["url"] == f"/api/v1/applications/{body['id']}/resume"
    assert [h["to_stage"] for h in body["history"]] == ["applied"]


def test_docx_accepted__POL_AP_002(api_client_for):
    response = apply(
        api_client_for(JobseekerFactory()), PublishedJobFactory(), resume=docx_upload()
    )
    assert response.status_code == 201


def test_second_application_409__POL_AP_001(api_client_for):
    job, client = PublishedJobFactory(), api_client_for(JobseekerFactory())
    assert apply(client, job).status_code == 201
    response = apply(client, job)
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"].endswith("/already-applied")


def test_closed_job_409__POL_AP_001(api_client_for):
    response = apply(api_client_for(JobseekerFactory()), ClosedJobFactory())
    assert response.status_code == 409
    assert response.json()["type"].endswith("/job-not-open")


def test_recruiter_403__POL_AP_001(api_client_for):
    assert apply(api_client_for(RecruiterFactory()), PublishedJobFactory()).status_code == 403


def test_html_renamed_as_pdf_400__POL_AP_002(api_client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("cv.pdf", b"<!doctype html><script>x</script>", "application/pdf")
    response = apply(api_client_for(JobseekerFactory()), PublishedJobFactory(), resume=fake)
    assert response.status_code == 400
    assert "resume" in response.json()["errors"]
    assert not Application.objects.exists()


def test_oversized_upload_413_and_never_stored__POL_AP_002(api_client_for, settings):
    settings.RESUME_MAX_BYTES = 64 * 1024
    # Just over the limit: the declared length looks acceptable, the upload handler stops
    # reading the file part once it passes the limit.
    big = pdf_upload(content=PDF_BYTES + b"0" * (70 * 1024))
    response = apply(api_client_for(JobseekerFactory()), PublishedJobFactory(), resume=big)
    assert response.status_code == 413
    assert "resume" in response.json()["errors"]
    assert not Application.objects.exists()
    assert not list(Path(settings.RESUME_STORAGE_ROOT).rglob("*.*"))


def test_missing_resume_400(api_client_for):
    response = api_client_for(JobseekerFactory()).post(
        f"/api/v1/jobs/{PublishedJobFactory().pk}/apply", {"cover_letter": "x"}, format="multipart"
    )
    assert response.status_code == 400
    assert "resume" in response.json()["errors"]


def test_huge_declared_body_refused_before_reading__POL_AP_002(api_client_for, settings):
    settings.RESUME_MAX_BYTES = 64 * 1024
    huge = pdf_upload(content=PDF_BYTES + b"0" * (400 * 1024))
    response = apply(api_client_for(JobseekerFactory()), PublishedJobFactory(), resume=huge)
    assert response.status_code == 413
    assert not Application.objects.exists()


def test_draft_job_is_404_not_409(api_client_for):
    from jobs.tests.factories import DraftJobFactory

    assert apply(api_client_for(JobseekerFactory()), DraftJobFactory()).status_code == 404
