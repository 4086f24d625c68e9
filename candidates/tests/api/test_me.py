"""`/api/v1/me/profile` and `/api/v1/me/resumes` (POL-AP-006); every response is checked
against the spec by the client."""

import pytest

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from candidates.models import MAX_STORED_RESUMES, StoredResume
from candidates.tests.factories import PDF_BYTES, StoredResumeFactory, docx_upload, pdf_upload

pytestmark = pytest.mark.django_db


def test_profile_is_empty_until_saved_then_patched__POL_AP_006(api_client_for):
    client = api_client_for(JobseekerFactory())
    empty = client.get("/api/v1/me/profile")
    assert empty.status_code == 200
    assert empty.json()["skills"] == []
    assert empty.json()["updated_at"] is None
    response = client.patch(
        "/api/v1/me/profile",
        {
            "headline": "데이터 엔지니어",
            "desired_categories": ["software"],
            "desired_locations": ["seoul"],
            "skills": ["python", "django"],
            "experience_years": 5,
            "education": "master",
            "desired_salary_manwon": 8000,
            "phone": "01098765432",
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert sorted(body["skills"]) == ["django", "python"]
    assert body["phone"] == "010-9876-5432"
    assert client.get("/api/v1/me/profile").json()["education"] == "master"


def test_profile_patch_refuses_unknown_codes_as_problem_json__POL_AP_006(api_client_for):
    client = api_client_for(JobseekerFactory())
    response = client.patch("/api/v1/me/profile", {"skills": ["cobol-9000"]}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "skills" in response.json()["errors"]


def test_profile_patch_refuses_an_invalid_phone__POL_AP_006(api_client_for):
    client = api_client_for(JobseekerFactory())
    response = client.patch("/api/v1/me/profile", {"phone": "12"}, format="json")
    assert response.status_code == 400
    assert "phone" in response.json()["errors"]


def test_recruiter_has_no_profile_api__POL_AP_006(api_client_for):
    assert api_client_for(RecruiterFactory()).get("/api/v1/me/profile").status_code == 403


def test_resume_add_list_default_download_delete__POL_AP_006(api_client_for):
    user = JobseekerFactory()
    client = api_client_for(user)
    first = client.post("/api/v1/me/resumes", {"resume": pdf_upload()}, format="multipart")
    assert first.status_code == 201
    assert first.json()["is_default"] is True
    second = client.post(
        "/api/v1/me/resumes",
        {"resume": docx_upload(), "title": "English", "is_default": "true"},
        format="multipart",
    )
    assert second.json()["is_default"] is True
    listed = client.get("/api/v1/me/resumes").json()
    assert [r["title"] for r in listed] == ["English", "이력서.pdf"]
    back = client.post(f"/api/v1/me/resumes/{first.json()['id']}/default")
    assert back.status_code == 200
    assert back.json()["is_default"] is True
    download = client.get(first.json()["url"])
    assert download.content == PDF_BYTES
    assert client.delete(f"/api/v1/me/resumes/{second.json()['id']}").status_code == 204
    assert StoredResume.objects.filter(owner=user).count() == 1


def test_sixth_resume_is_a_409__POL_AP_006(api_client_for):
    user = JobseekerFactory()
    for _ in range(MAX_STORED_RESUMES):
        StoredResumeFactory(owner=user)
    response = api_client_for(user).post(
        "/api/v1/me/resumes", {"resume": pdf_upload()}, format="multipart"
    )
    assert response.status_code == 409
    assert response.json()["type"].endswith("too-many-resumes")


def test_resume_by_content_not_name__POL_AP_002(api_client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("cv.pdf", b"<html><script>", "application/pdf")
    response = api_client_for(JobseekerFactory()).post(
        "/api/v1/me/resumes", {"resume": fake}, format="multipart"
    )
    assert response.status_code == 400
    assert not StoredResume.objects.exists()


def test_someone_elses_resume_is_404(api_client_for):
    other = StoredResumeFactory()
    client = api_client_for(JobseekerFactory())
    assert client.get(f"/api/v1/me/resumes/{other.pk}/file").status_code == 404
    assert client.delete(f"/api/v1/me/resumes/{other.pk}").status_code == 404
