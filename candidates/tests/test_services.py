"""The jobseeker's profile and stored résumés on a real database (POL-AP-006)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from candidates import services
from candidates.exceptions import (
    ProfileInvalid,
    ResumeInvalid,
    StoredResumeNotFound,
    TooManyResumes,
)
from candidates.models import MAX_STORED_RESUMES, Profile, StoredResume
from candidates.selectors import profile_get, stored_resume_list
from candidates.tests.factories import StoredResumeFactory, docx_upload, pdf_upload
from jobboard.errors import PermissionDenied
from jobs.models import Category, Location, Skill

pytestmark = pytest.mark.django_db


def test_profile_is_created_on_first_update_with_matching_fields__POL_AP_006():
    user = JobseekerFactory()
    assert profile_get(user=user).pk is None  # reading never writes
    services.profile_update(
        user=user,
        headline="백엔드 개발자",
        experience_years=3,
        education="bachelor",
        desired_salary_manwon=5500,
        desired_categories=Category.objects.filter(code="software"),
        desired_locations=Location.objects.filter(code__in=["seoul", "busan"]),
        skills=Skill.objects.filter(code__in=["python", "django"]),
    )
    profile = profile_get(user=user)
    assert profile.experience_years == 3
    assert profile.desired_salary_won == 55_000_000
    assert {s.code for s in profile.skills.all()} == {"python", "django"}
    assert {loc.code for loc in profile.desired_locations.all()} == {"seoul", "busan"}


def test_profile_update_changes_only_the_fields_given__POL_AP_006():
    user = JobseekerFactory()
    services.profile_update(user=user, headline="A", skills=Skill.objects.filter(code="python"))
    services.profile_update(user=user, experience_years=0)
    profile = Profile.objects.get(user=user)
    assert (profile.headline, profile.experience_years) == ("A", 0)
    assert [s.code for s in profile.skills.all()] == ["python"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01012345678", "010-1234-5678"),
        ("02 123 4567", "02-123-4567"),
        ("031.123.4567", "031-123-4567"),
    ],
)
def test_phone_is_stored_in_one_format__POL_AP_008(typed, stored):
    user = JobseekerFactory()
    assert services.profile_update(user=user, phone=typed).phone == stored


def test_invalid_phone_is_refused_and_nothing_changes__POL_AP_006():
    user = JobseekerFactory()
    services.profile_update(user=user, headline="before")
    with pytest.raises(ProfileInvalid) as caught:
        services.profile_update(user=user, headline="after", phone="call me")
    assert caught.value.field == "phone"
    assert Profile.objects.get(user=user).headline == "before"


def test_recruiter_keeps_no_profile__POL_AP_006():
    with pytest.raises(PermissionDenied):
        services.profile_update(user=RecruiterFactory(), headline="x")
    assert not Profile.objects.exists()


def test_first_stored_resume_is_the_default__POL_AP_006():
    user = JobseekerFactory()
    first = services.stored_resume_add(user=user, resume=pdf_upload())
    second = services.stored_resume_add(user=user, resume=docx_upload(), title="영문")
    assert first.is_default
    assert not second.is_default
    assert first.title == "이력서.pdf"
    assert second.title == "영문"
    assert first.file.storage.exists(first.file.name)
    assert first.file.name.startswith("stored-resumes/")
    assert first.file.name.endswith(".pdf")


def test_sixth_stored_resume_is_refused__POL_AP_006():
    user = JobseekerFactory()
    for _ in range(MAX_STORED_RESUMES):
        services.stored_resume_add(user=user, resume=pdf_upload())
    with pytest.raises(TooManyResumes):
        services.stored_resume_add(user=user, resume=pdf_upload())
    assert StoredResume.objects.filter(owner=user).count() == MAX_STORED_RESUMES


def test_stored_resume_gets_the_upload_checks__POL_AP_002(settings, tmp_path):
    user = JobseekerFactory()
    exe = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 executable", "application/pdf")
    with pytest.raises(ResumeInvalid):
        services.stored_resume_add(user=user, resume=exe)
    assert not StoredResume.objects.exists()
    root = tmp_path / "private"
    assert not any(p.is_file() for p in root.rglob("*")) if root.exists() else True


def test_choosing_a_default_leaves_exactly_one__POL_AP_006():
    user = JobseekerFactory()
    first = services.stored_resume_add(user=user, resume=pdf_upload())
    second = services.stored_resume_add(user=user, resume=pdf_upload(), make_default=True)
    first.refresh_from_db()
    assert second.is_default
    assert not first.is_default
    services.stored_resume_set_default(user=user, resume_id=first.pk)
    assert [r.pk for r in stored_resume_list(user=user) if r.is_default] == [first.pk]


def test_deleting_the_default_promotes_the_newest_and_removes_the_file__POL_AP_006(
    django_capture_on_commit_callbacks,
):
    user = JobseekerFactory()
    old = services.stored_resume_add(user=user, resume=pdf_upload())
    newer = services.stored_resume_add(user=user, resume=pdf_upload())
    name = old.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.stored_resume_delete(user=user, resume_id=old.pk)
    newer.refresh_from_db()
    assert newer.is_default
    assert not old.file.storage.exists(name)


def test_another_jobseekers_resume_is_not_found():
    mine, theirs = JobseekerFactory(), StoredResumeFactory()
    for call in (services.stored_resume_delete, services.stored_resume_set_default):
        with pytest.raises(StoredResumeNotFound):
            call(user=mine, resume_id=theirs.pk)
    with pytest.raises(StoredResumeNotFound):
        services.stored_resume_open(user=mine, resume_id=theirs.pk)
    assert StoredResume.objects.filter(pk=theirs.pk).exists()
