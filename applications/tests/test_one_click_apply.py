"""One-click apply with a stored résumé (POL-AP-006): service, pages and API."""

import pytest

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from applications import services
from applications.exceptions import NotAllowed
from applications.models import Application
from candidates import services as candidate_services
from candidates.exceptions import StoredResumeNotFound
from candidates.tests.factories import PDF_BYTES, StoredResumeFactory, docx_upload, pdf_upload
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_applying_copies_the_stored_resume__POL_AP_006(django_capture_on_commit_callbacks):
    jobseeker = JobseekerFactory()
    stored = candidate_services.stored_resume_add(user=jobseeker, resume=pdf_upload())
    application = services.application_submit_stored(
        job=PublishedJobFactory(), applicant=jobseeker, resume_id=stored.pk
    )
    assert application.resume.name != stored.file.name
    assert application.resume_name == stored.original_name
    with django_capture_on_commit_callbacks(execute=True):
        candidate_services.stored_resume_delete(user=jobseeker, resume_id=stored.pk)
    # What the recruiter received stays (POL-AP-002 storage, its own copy).
    with application.resume.storage.open(application.resume.name) as handle:
        assert handle.read() == PDF_BYTES


def test_another_jobseekers_stored_resume_cannot_be_used__POL_AP_006():
    with pytest.raises(StoredResumeNotFound):
        services.application_submit_stored(
            job=PublishedJobFactory(),
            applicant=JobseekerFactory(),
            resume_id=StoredResumeFactory().pk,
        )
    assert not Application.objects.exists()


def test_recruiter_cannot_apply_with_a_stored_resume__POL_AP_001():
    recruiter = RecruiterFactory()
    with pytest.raises(NotAllowed):
        services.application_submit_stored(
            job=PublishedJobFactory(), applicant=recruiter, resume_id=StoredResumeFactory().pk
        )


def test_job_page_applies_in_one_click_with_the_default__POL_AP_006(browser_client_for):
    jobseeker, job = JobseekerFactory(), PublishedJobFactory()
    StoredResumeFactory(owner=jobseeker, title="영문 이력서")
    default = StoredResumeFactory(owner=jobseeker, title="국문 이력서", is_default=True)
    browser = browser_client_for(jobseeker)
    page = browser.get(f"/jobs/{job.pk}/")
    assert f'name="stored_resume" value="{default.pk}"' in page.text
    assert "국문 이력서" in page.text
    response = browser.post(f"/applications/jobs/{job.pk}/apply/", {"stored_resume": default.pk})
    assert response.status_code == 302
    application = Application.objects.get(job=job, applicant=jobseeker)
    assert application.resume_name == default.original_name
    assert application.cover_letter == ""


def test_apply_form_offers_stored_resumes_with_the_default_chosen__POL_AP_006(browser_client_for):
    jobseeker, job = JobseekerFactory(), PublishedJobFactory()
    other = StoredResumeFactory(owner=jobseeker)
    default = StoredResumeFactory(owner=jobseeker, is_default=True)
    page = browser_client_for(jobseeker).get(f"/applications/jobs/{job.pk}/apply/").text
    assert f'name="stored_resume" value="{default.pk}" id="id_stored_resume_0" checked>' in page
    assert f'name="stored_resume" value="{other.pk}" id="id_stored_resume_1">' in page
    assert 'name="stored_resume" value=""' in page  # "a new file"


def test_new_file_chosen_without_a_file_is_a_field_error__POL_AP_002(browser_client_for):
    jobseeker, job = JobseekerFactory(), PublishedJobFactory()
    StoredResumeFactory(owner=jobseeker, is_default=True)
    response = browser_client_for(jobseeker).post(
        f"/applications/jobs/{job.pk}/apply/", {"stored_resume": "", "cover_letter": "안녕하세요"}
    )
    assert response.status_code == 400
    assert 'class="errorlist"' in response.text
    assert not Application.objects.exists()


def test_new_file_still_works_beside_stored_ones__POL_AP_006(browser_client_for):
    jobseeker, job = JobseekerFactory(), PublishedJobFactory()
    StoredResumeFactory(owner=jobseeker, is_default=True)
    response = browser_client_for(jobseeker).post(
        f"/applications/jobs/{job.pk}/apply/", {"stored_resume": "", "resume": docx_upload()}
    )
    assert response.status_code == 302
    assert Application.objects.get(job=job).resume_name == "resume.docx"


def test_api_applies_with_resume_id__POL_AP_006(api_client_for):
    jobseeker, job = JobseekerFactory(), PublishedJobFactory()
    stored = StoredResumeFactory(owner=jobseeker)
    response = api_client_for(jobseeker).post(
        f"/api/v1/jobs/{job.pk}/apply",
        {"resume_id": stored.pk, "cover_letter": "hi"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["resume"]["name"] == stored.original_name


def test_api_wants_exactly_one_of_file_and_resume_id__POL_AP_006(api_client_for):
    jobseeker, job = JobseekerFactory(), PublishedJobFactory()
    stored = StoredResumeFactory(owner=jobseeker)
    client = api_client_for(jobseeker)
    both = client.post(
        f"/api/v1/jobs/{job.pk}/apply",
        {"resume_id": stored.pk, "resume": pdf_upload()},
        format="multipart",
    )
    assert both.status_code == 400
    assert "resume" in both.json()["errors"]
    neither = client.post(f"/api/v1/jobs/{job.pk}/apply", {"cover_letter": "x"}, format="json")
    assert neither.status_code == 400


def test_api_someone_elses_resume_id_is_404__POL_AP_006(api_client_for):
    response = api_client_for(JobseekerFactory()).post(
        f"/api/v1/jobs/{PublishedJobFactory().pk}/apply",
        {"resume_id": StoredResumeFactory().pk},
        format="json",
    )
    assert response.status_code == 404
