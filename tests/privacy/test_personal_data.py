"""POL-PRIV-001: download my data (JSON) and delete my account, each app contributing its
part (accounts.personal_data, ADR 0072)."""

import json

import pytest
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


def test_every_app_contributes_its_part():
    """An app that keeps personal data registers it, or download and delete miss it."""
    names = {part.name for part in personal_data.parts()}
    assert {
        "applications",
        "resumes",
        "orders",
        "saved_searches",
        "profile",
        "stored_resumes",
    } <= names


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
