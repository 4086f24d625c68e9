"""The HTML pages: apply form, my applications, the board, detail, notifications."""

import pytest
from django.test import Client

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from applications.models import Application, Stage
from applications.tests.factories import ApplicationFactory
from candidates.tests.factories import PDF_BYTES, pdf_upload
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_apply_page_submits_and_redirects__POL_AP_001(browser_client_for):
    job, jobseeker = PublishedJobFactory(), JobseekerFactory()
    browser = browser_client_for(jobseeker)
    page = browser.get(f"/applications/jobs/{job.pk}/apply/")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text
    response = browser.post(
        f"/applications/jobs/{job.pk}/apply/", {"resume": pdf_upload(), "cover_letter": "hi"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/applications/mine/"
    assert Application.objects.filter(job=job, applicant=jobseeker).exists()
    again = browser.get(f"/applications/jobs/{job.pk}/apply/")
    assert "이미 지원한 공고입니다." in again.text  # Korean by default


def test_apply_page_shows_field_errors__POL_AP_002(browser_client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    job = PublishedJobFactory()
    browser = browser_client_for(JobseekerFactory())
    exe = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 executable", "application/pdf")
    response = browser.post(f"/applications/jobs/{job.pk}/apply/", {"resume": exe})
    assert response.status_code == 400
    assert 'class="errorlist"' in response.text
    assert "PDF 또는 DOCX 파일만 업로드할 수 있습니다." in response.text


def test_apply_page_for_closed_job(browser_client_for):
    response = browser_client_for(JobseekerFactory()).get(
        f"/applications/jobs/{ClosedJobFactory().pk}/apply/"
    )
    assert "지원이 마감된 공고입니다." in response.text


def test_guest_is_sent_to_sign_in_with_next():
    job = PublishedJobFactory()
    response = Client().get(f"/applications/jobs/{job.pk}/apply/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_board_groups_by_stage_and_moves_in_one_action__POL_AP_003(browser_client_for):
    application = ApplicationFactory()
    ApplicationFactory(job=application.job, stage=Stage.INTERVIEW)
    browser = browser_client_for(application.job.owner)
    board = browser.get(f"/applications/jobs/{application.job.pk}/board/")
    assert board.status_code == 200
    assert board.text.count('class="board-column"') == len(Stage)
    response = browser.post(
        f"/applications/{application.pk}/move/",
        {
            "prefix": f"a{application.pk}",
            f"a{application.pk}-stage": "screening",
            f"a{application.pk}-note": "좋아요",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#application-{application.pk}")
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING


def test_board_of_another_recruiter_is_404(browser_client_for):
    application = ApplicationFactory()
    response = browser_client_for(RecruiterFactory()).get(
        f"/applications/jobs/{application.job.pk}/board/"
    )
    assert response.status_code == 404


def test_mine_shows_timeline_and_withdraw__POL_AP_003(browser_client_for):
    application = ApplicationFactory(stage=Stage.SCREENING)
    browser = browser_client_for(application.applicant)
    page = browser.get("/applications/mine/")
    assert 'class="timeline"' in page.text
    assert f"/applications/{application.pk}/withdraw/" in page.text
    browser.post(f"/applications/{application.pk}/withdraw/", {"note": "sorry"})
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN


def test_detail_and_resume_download_page_twin__POL_AP_002(browser_client_for):
    application = ApplicationFactory(cover_letter="저는 성실합니다")
    browser = browser_client_for(application.job.owner)
    detail = browser.get(f"/applications/{application.pk}/")
    assert "저는 성실합니다" in detail.text
    resume = browser.get(f"/applications/{application.pk}/resume/")
    assert resume.content == PDF_BYTES
    assert resume["Content-Disposition"].startswith("attachment;")
    assert resume["X-Content-Type-Options"] == "nosniff"


def test_nav_unread_count_and_notifications_page_marks_read__POL_AP_004(browser_client_for):
    from applications import services

    application = ApplicationFactory()
    services.application_move_stage(
        application_id=application.pk, actor=application.job.owner, stage="screening"
    )
    browser = browser_client_for(application.applicant)
    page = browser.get("/applications/notifications/")
    assert 'badge badge-warn">1' in page.text
    browser.post("/applications/notifications/", {})
    page = browser.get("/applications/notifications/")
    assert 'badge badge-warn">1' not in page.text


@pytest.mark.parametrize("extra_kib", [70, 400], ids=["handler-stops", "declared-length"])
def test_apply_page_refuses_oversized_resume__POL_AP_002(browser_client_for, settings, extra_kib):
    settings.RESUME_MAX_BYTES = 64 * 1024
    job = PublishedJobFactory()
    big = pdf_upload(content=PDF_BYTES + b"0" * (extra_kib * 1024))
    response = browser_client_for(JobseekerFactory()).post(
        f"/applications/jobs/{job.pk}/apply/", {"resume": big}
    )
    assert response.status_code == 413
    assert "MB를 초과합니다" in response.text  # the résumé size error, in Korean
    assert not Application.objects.exists()
