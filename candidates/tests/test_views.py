"""The profile page with its stored résumés (POL-AP-006): a form that works without JS."""

import pytest
from django.test import Client

from accounts.tests.factories import JobseekerFactory
from candidates.models import MAX_STORED_RESUMES, Profile, StoredResume
from candidates.tests.factories import PDF_BYTES, StoredResumeFactory, pdf_upload
from jobs.models import Skill

pytestmark = pytest.mark.django_db


def test_profile_page_saves_the_form__POL_AP_006(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    page = browser.get("/me/profile/")
    assert page.status_code == 200
    assert "내 프로필" in page.text  # Korean by default
    python = Skill.objects.get(code="python")
    response = browser.post(
        "/me/profile/",
        {
            "headline": "백엔드 개발자",
            "phone": "010 1234 5678",
            "experience_years": "3",
            "education": "bachelor",
            "desired_salary_manwon": "6000",
            "skills": [python.pk],
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.phone == "010-1234-5678"
    assert list(profile.skills.all()) == [python]


def test_profile_page_shows_field_errors__POL_AP_006(browser_client_for):
    browser = browser_client_for(JobseekerFactory())
    response = browser.post("/me/profile/", {"phone": "not a phone", "experience_years": "-1"})
    assert response.status_code == 400
    assert 'class="errorlist"' in response.text
    assert not Profile.objects.exists()


def test_resume_upload_download_default_and_delete__POL_AP_006(browser_client_for):
    user = JobseekerFactory()
    browser = browser_client_for(user)
    assert (
        browser.post("/me/resumes/", {"resume": pdf_upload(), "title": "국문"}).status_code == 302
    )
    resume = StoredResume.objects.get(owner=user)
    page = browser.get("/me/profile/")
    assert "국문" in page.text
    download = browser.get(f"/me/resumes/{resume.pk}/file/")
    assert download.content == PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment;")
    assert browser.post(f"/me/resumes/{resume.pk}/default/").status_code == 302
    assert browser.post(f"/me/resumes/{resume.pk}/delete/").status_code == 302
    assert not StoredResume.objects.filter(owner=user).exists()


def test_resume_upload_shows_the_content_error__POL_AP_002(browser_client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser = browser_client_for(JobseekerFactory())
    exe = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00", "application/pdf")
    response = browser.post("/me/resumes/", {"resume": exe})
    assert response.status_code == 400
    assert "PDF 또는 DOCX 파일만 업로드할 수 있습니다." in response.text


def test_full_resume_list_hides_the_upload_form__POL_AP_006(browser_client_for):
    user = JobseekerFactory()
    for _ in range(MAX_STORED_RESUMES):
        StoredResumeFactory(owner=user)
    browser = browser_client_for(user)
    assert 'id="resume-form"' not in browser.get("/me/profile/").text
    response = browser.post("/me/resumes/", {"resume": pdf_upload()})
    assert response.status_code == 409
    assert StoredResume.objects.filter(owner=user).count() == MAX_STORED_RESUMES


def test_oversized_resume_is_refused_before_reading__POL_AP_002(browser_client_for, settings):
    settings.RESUME_MAX_BYTES = 1024
    browser = browser_client_for(JobseekerFactory())
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * 200_000)
    response = browser.post("/me/resumes/", {"resume": big})
    assert response.status_code == 413
    assert not StoredResume.objects.exists()


def test_guest_is_sent_to_sign_in():
    response = Client().get("/me/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
