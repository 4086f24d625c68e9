"""POL-J-007: company profiles, logos (checked by content, resized), following."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from accounts.company_services import (
    company_follow,
    company_set_logo,
    company_unfollow,
    company_update,
)
from accounts.exceptions import CompanyInvalid, CompanyPermissionDenied, LogoInvalid
from accounts.logos import logo_path
from accounts.policies import can_edit_company, can_follow_company
from accounts.selectors import company_ids_followed, company_is_followed, company_list_followed
from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory

pytestmark = pytest.mark.django_db


def _png(size=(300, 120), colour=(200, 30, 30), fmt="PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def test_only_own_recruiters_and_admins_edit__POL_J_007():
    recruiter, other = RecruiterFactory(), RecruiterFactory()
    company = recruiter.company
    assert can_edit_company(recruiter, company)
    assert not can_edit_company(other, company)
    assert can_edit_company(AdminFactory(), company)
    assert not can_edit_company(JobseekerFactory(), company)
    with pytest.raises(CompanyPermissionDenied):
        company_update(company=company, user=other, name="남의 회사")


def test_profile_update_cleans_benefits_and_checks_year__POL_J_007(settings):
    recruiter = RecruiterFactory()
    company = company_update(
        company=recruiter.company,
        user=recruiter,
        industry="핀테크",
        size="51-200",
        founded_year=2015,
        benefits=["  재택근무 ", "재택근무", "", "스톡옵션"],
    )
    assert company.benefits == ["재택근무", "스톡옵션"]
    with pytest.raises(CompanyInvalid):
        company_update(company=company, user=recruiter, founded_year=2999)
    with pytest.raises(CompanyInvalid):
        company_update(company=company, user=recruiter, benefits=["x" * 31])
    with pytest.raises(CompanyInvalid):
        company_update(company=company, user=recruiter, name="  ")


def test_logo_is_resized_to_fixed_squares_and_old_files_go__POL_J_007(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    recruiter = RecruiterFactory()
    company = company_set_logo(company=recruiter.company, user=recruiter, data=_png())
    first = company.logo_version
    for size in (96, 256):
        with default_storage.open(logo_path(company.pk, first, size)) as stored:
            assert Image.open(stored).size == (size, size)
    with django_capture_on_commit_callbacks(execute=True):
        company = company_set_logo(
            company=company, user=recruiter, data=_png(colour=(0, 0, 200), fmt="JPEG")
        )
    assert company.logo_version != first
    assert not default_storage.exists(logo_path(company.pk, first, 96))


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.4 not an image", b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"x" * 3_000_000],
)
def test_logo_refuses_what_is_not_an_image__POL_J_007(data):
    recruiter = RecruiterFactory()
    with pytest.raises(LogoInvalid):
        company_set_logo(company=recruiter.company, user=recruiter, data=data)
    recruiter.company.refresh_from_db()
    assert recruiter.company.logo_version == ""


def test_jobseekers_follow_and_unfollow_idempotently__POL_J_007():
    seeker, company = JobseekerFactory(), RecruiterFactory().company
    assert can_follow_company(seeker)
    assert not can_follow_company(RecruiterFactory())
    assert company_follow(user=seeker, company=company) is True
    assert company_follow(user=seeker, company=company) is False
    assert list(company_ids_followed(user=seeker)) == [company.pk]
    assert company_is_followed(user=seeker, company=company)
    assert list(company_list_followed(user=seeker)) == [company]
    company_unfollow(user=seeker, company=company)
    company_unfollow(user=seeker, company=company)
    assert not company_is_followed(user=seeker, company=company)
    with pytest.raises(CompanyPermissionDenied):
        company_follow(user=RecruiterFactory(), company=company)
