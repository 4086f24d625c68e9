"""POL-PRIV-001: download my data (JSON) and delete my account, each app contributing its
part (accounts.personal_data, ADR 0072)."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client

from accounts import personal_data
from accounts.models import CompanyFollow, Consent, ConsentKind, DeviceSession, User
from accounts.tests.factories import PASSWORD, CompanyFactory, JobseekerFactory
from alerts.tests.factories import SavedSearchFactory
from applications.models import Application, Notification
from candidates.storage import resume_storage
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker():
    user = JobseekerFactory(name="김지원")
    Consent.objects.create(user=user, kind=ConsentKind.TERMS, version="2026-11-29")
    CompanyFollow.objects.create(user=user, company=CompanyFactory(name="팔로우 회사"))
    SavedSearchFactory(user=user, name="파이썬 백엔드", filters={"q": "파이썬"})
    job = PublishedJobFactory(title="데이터 엔지니어")
    application = Application(
        job=job,
        applicant=user,
        resume_name="이력서.pdf",
        resume_size=4,
        resume_content_type="application/pdf",
        cover_letter="안녕하세요, 지원합니다.",
    )
    application.resume.save("cv.pdf", ContentFile(b"%PDF"), save=False)
    application.save()
    Notification.objects.create(user=user, kind="stage_changed", application=application)
    return user


# Every model that points at a user, and what download and delete do with it: the name of
# the part that exports it, or why it stays out (a record someone else must keep, or the
# account's own rows that accounts.selectors and accounts.services handle themselves).
USER_DATA = {
    "admin.LogEntry": "kept: the admins' audit trail",
    "accounts.CompanyFollow": "accounts",
    "accounts.DeviceSession": "accounts",
    "accounts.Consent": "accounts",
    "jobs.Job": "kept: the company's postings",
    "candidates.Profile": "profile",
    "candidates.StoredResume": "stored_resumes",
    "candidates.RecentlyViewedJob": "recently_viewed",
    "candidates.SavedJob": "saved_jobs",
    "applications.Application": "applications",
    "applications.StageChange": "applications",
    "applications.ResumeDownload": "kept: who read an applicant's résumé (POL-AP-008)",
    "applications.ContactView": "kept: who read an applicant's contact (POL-AP-008)",
    "applications.ApplicantNote": "notes_written",
    "applications.ApplicantRating": "ratings_given",
    "applications.ApplicantMessage": "messages_sent",
    "applications.Notification": "kept out: deleted with the account, never exported",
    "payments.Order": "orders",
    "payments.Account": "wallet",
    "payments.JournalEntry": "kept: the ledger, an accounting record (ADR 0072)",
    "alerts.SavedSearch": "saved_searches",
}


def test_every_model_that_points_at_a_user_is_accounted_for__POL_PRIV_001():
    """A new model holding a user's data must join download and delete (or say why not)."""
    pointing = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is get_user_model():
                pointing.add(model._meta.label)
    assert pointing == set(USER_DATA)
    registered = {part.name for part in personal_data.parts()} | {"accounts"}
    assert {v for v in USER_DATA.values() if not v.startswith("kept")} <= registered


def test_download_holds_everything__POL_PRIV_001(seeker, browser_client_for):
    response = browser_client_for(seeker).get("/accounts/data/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["name"] == "김지원"
    assert data["consents"][0]["version"] == "2026-11-29"
    assert data["followed_companies"][0]["company"] == "팔로우 회사"
    assert data["applications"][0]["job"]["title"] == "데이터 엔지니어"
    assert data["applications"][0]["cover_letter"] == "안녕하세요, 지원합니다."
    assert data["resumes"][0]["name"] == "이력서.pdf"
    assert data["saved_searches"][0]["name"] == "파이썬 백엔드"
    assert data["orders"] == []
    assert len(data["devices"]) == 1


def test_the_api_downloads_the_same(seeker, api_client_for):
    data = api_client_for(seeker).get("/api/v1/auth/me/data").json()
    assert data["saved_searches"][0]["filters"] == {"q": "파이썬"}


def test_delete_needs_the_password(seeker, browser_client_for):
    browser = browser_client_for(seeker)
    response = browser.post("/accounts/data/delete/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    seeker.refresh_from_db()
    assert seeker.is_active


def test_delete_anonymises_and_signs_out__POL_PRIV_001(
    seeker, browser_client_for, django_capture_on_commit_callbacks
):
    browser = browser_client_for(seeker)
    application = Application.objects.get(applicant=seeker)
    stored = application.resume.name
    assert resume_storage().exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post("/accounts/data/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert not seeker.is_active
    assert seeker.email == f"deleted-{seeker.pk}@deleted.invalid"
    assert seeker.name == ""
    assert not seeker.has_usable_password()
    assert seeker.deleted_at is not None
    # Applications stay with the company, without the person's words or file.
    application.refresh_from_db()
    assert (application.cover_letter, application.resume_name, application.resume.name) == (
        "",
        "",
        "",
    )
    assert not resume_storage().exists(stored)
    assert not Notification.objects.filter(user=seeker).exists()
    assert not DeviceSession.objects.filter(user=seeker).exists()
    assert not Consent.objects.filter(user=seeker).exists()
    assert not CompanyFollow.objects.filter(user=seeker).exists()
    assert not seeker.saved_searches.exists()
    # Its tokens no longer work.
    assert browser.get("/accounts/data/").status_code == 302


def test_a_failure_half_way_changes_nothing(seeker, monkeypatch):
    """The erasure is one transaction, and files go only after it commits."""
    from accounts import services

    def broken(user):
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(
        personal_data._parts,
        "zz_broken",
        personal_data.Part(name="zz_broken", export=lambda u: None, erase=broken),
    )
    stored = Application.objects.get(applicant=seeker).resume.name
    with pytest.raises(RuntimeError):
        services.user_account_delete(user=seeker, password=PASSWORD)
    fresh = User.objects.get(pk=seeker.pk)
    assert fresh.is_active
    assert fresh.email == seeker.email
    assert Application.objects.get(applicant=seeker).cover_letter
    assert resume_storage().exists(stored)
    assert seeker.saved_searches.exists()


def test_the_api_deletes_with_the_password(seeker, api_client_for):
    client = api_client_for(seeker)
    assert client.post("/api/v1/auth/me/delete", {"password": "wrong"}).status_code == 400
    assert client.post("/api/v1/auth/me/delete", {"password": PASSWORD}).status_code == 204
    assert client.get("/api/v1/auth/me").status_code == 401


def test_my_data_page_lists_consents_with_their_text(seeker, browser_client_for):
    page = browser_client_for(seeker).get("/accounts/data/").content.decode()
    assert "/accounts/legal/terms/2026-11-29/" in page
    assert Client().get("/accounts/legal/terms/2026-11-29/").status_code == 200


def test_the_profile_and_stored_resumes_go_with_the_account__POL_PRIV_001(
    seeker, django_capture_on_commit_callbacks
):
    from accounts import services
    from accounts.selectors import user_data_export
    from candidates.models import Profile, StoredResume
    from candidates.tests.factories import StoredResumeFactory

    Profile.objects.create(user=seeker, headline="백엔드 개발자")
    stored = StoredResumeFactory(owner=seeker)
    name = stored.file.name
    data = user_data_export(user=seeker)
    assert data["profile"]["headline"] == "백엔드 개발자"
    assert data["stored_resumes"][0]["title"] == stored.title
    with django_capture_on_commit_callbacks(execute=True):
        services.user_account_delete(user=seeker, password=PASSWORD)
    assert not Profile.objects.filter(user=seeker).exists()
    assert not StoredResume.objects.filter(owner=seeker).exists()
    assert not resume_storage().exists(name)


def test_saved_jobs_history_and_messages_are_downloaded_then_erased__POL_PRIV_001(seeker):
    from accounts import services
    from accounts.selectors import user_data_export
    from applications.models import ApplicantMessage
    from candidates.models import RecentlyViewedJob, SavedJob

    job = PublishedJobFactory(title="백엔드 개발자")
    SavedJob.objects.create(user=seeker, job=job)
    RecentlyViewedJob.objects.create(user=seeker, job=job)
    application = Application.objects.get(applicant=seeker)
    ApplicantMessage.objects.create(
        application=application, subject="면접 안내", body="김지원 님, 면접에 초대합니다."
    )
    data = user_data_export(user=seeker)
    assert data["saved_jobs"][0]["job"] == {"id": job.pk, "title": "백엔드 개발자"}
    assert data["recently_viewed"][0]["job"]["id"] == job.pk
    assert data["messages_received"][0]["body"] == "김지원 님, 면접에 초대합니다."
    services.user_account_delete(user=seeker, password=PASSWORD)
    assert not SavedJob.objects.filter(user=seeker).exists()
    assert not RecentlyViewedJob.objects.filter(user=seeker).exists()
    # The company keeps that it wrote, not the words addressed to the person.
    message = ApplicantMessage.objects.get(application=application)
    assert (message.subject, message.body) == ("", "")


def test_a_recruiter_downloads_what_they_wrote_and_the_company_keeps_it__POL_PRIV_001(seeker):
    from accounts import services
    from accounts.selectors import user_data_export
    from accounts.tests.factories import RecruiterFactory
    from applications.models import ApplicantMessage, ApplicantNote, ApplicantRating

    recruiter = RecruiterFactory()
    application = Application.objects.get(applicant=seeker)
    ApplicantNote.objects.create(application=application, author=recruiter, body="기술 면접 추천")
    ApplicantRating.objects.create(application=application, rated_by=recruiter, score=4)
    ApplicantMessage.objects.create(
        application=application, sender=recruiter, subject="안내", body="본문"
    )
    data = user_data_export(user=recruiter)
    assert data["notes_written"][0]["note"] == "기술 면접 추천"
    assert data["ratings_given"][0]["rating"] == 4
    assert data["messages_sent"][0]["subject"] == "안내"
    # The applicant's download never carries the private note or the rating (POL-AP-007).
    mine = json.dumps(user_data_export(user=seeker), ensure_ascii=False)
    assert "기술 면접 추천" not in mine
    assert user_data_export(user=seeker)["ratings_given"] == []
    services.user_account_delete(user=recruiter, password=PASSWORD)
    assert ApplicantNote.objects.get(application=application).body == "기술 면접 추천"
