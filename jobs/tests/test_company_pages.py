"""POL-J-007 end to end: the public company page, its editor, following (pages and API),
company pages in the sitemap and the company block on the job page."""

import io
from urllib.parse import quote_plus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import CompanyFollow
from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 160), (20, 90, 200)).save(out, format="PNG")
    return out.getvalue()


def _hiring_company():
    recruiter = RecruiterFactory()
    company = recruiter.company
    company.industry, company.benefits = "IT·소프트웨어", ["재택근무", "식대 지원"]
    company.description = "우리는 채용 플랫폼을 만듭니다."
    company.save()
    open_job = PublishedJobFactory(owner=recruiter, company=company, title="백엔드 개발자")
    closed = ClosedJobFactory(owner=recruiter, company=company, title="마감된 디자이너")
    return recruiter, company, open_job, closed


def test_company_page_shows_profile_and_only_open_jobs__POL_J_007():
    _, company, open_job, closed = _hiring_company()
    page = Client().get(f"/companies/{company.pk}/", HTTP_ACCEPT_LANGUAGE="ko")
    html = page.content.decode()
    assert page.status_code == 200
    assert company.name in html
    assert "IT·소프트웨어" in html
    assert "재택근무" in html
    assert "우리는 채용 플랫폼을 만듭니다." in html
    assert open_job.title in html
    assert closed.title not in html
    assert "회사 정보 수정" not in html  # a visitor does not get the editor


def test_company_page_shows_the_newest_open_jobs_and_links_to_all__POL_J_007(monkeypatch):
    """A company with thousands of jobs (seeded boards) still gets a page of one screenful:
    the newest few, the true count, and a link to the list searching for its name."""
    monkeypatch.setattr("jobs.company_views.COMPANY_PAGE_JOBS", 2)
    recruiter, company, open_job, _ = _hiring_company()
    newer = PublishedJobFactory.create_batch(2, owner=recruiter, company=company)
    html = Client().get(f"/companies/{company.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "모집 중인 공고 3건" in html
    assert all(job.title in html for job in newer)
    assert f'href="/jobs/{open_job.pk}/"' not in html  # the oldest is left to the list
    assert f"/jobs/?q={quote_plus(company.name)}" in html
    assert "공고 3건 모두 보기" in html


def test_company_page_without_more_jobs_has_no_see_all_link__POL_J_007():
    _, company, _, _ = _hiring_company()
    html = Client().get(f"/companies/{company.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "모두 보기" not in html


def test_unknown_company_is_404():
    assert Client().get("/companies/999999/").status_code == 404


def test_job_page_company_block_links_to_the_company_page__POL_J_007():
    _, company, open_job, _ = _hiring_company()
    html = Client().get(f"/jobs/{open_job.pk}/").content.decode()
    assert f'href="/companies/{company.pk}/"' in html


def test_recruiter_edits_own_company_with_logo_and_benefits__POL_J_007(browser_client_for):
    recruiter, company, _, _ = _hiring_company()
    browser = browser_client_for(recruiter)
    form = browser.get(f"/companies/{company.pk}/edit/")
    assert form.status_code == 200
    assert "재택근무, 식대 지원" in form.content.decode()
    answer = browser.post(
        f"/companies/{company.pk}/edit/",
        {
            "name": "  새 이름 주식회사 ",
            "industry": "핀테크",
            "size": "51-200",
            "founded_year": "2015",
            "address": "서울 강남구 테헤란로 1",
            "website": "https://example.com",
            "description": "소개",
            "benefits": "유연근무, 스톡옵션\n유연근무",
            "logo": SimpleUploadedFile("logo.png", _png(), content_type="image/png"),
        },
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"/companies/{company.pk}/"
    company.refresh_from_db()
    assert company.name == "새 이름 주식회사"
    assert company.benefits == ["유연근무", "스톡옵션"]
    assert company.logo_version
    page = browser.get(f"/companies/{company.pk}/").content.decode()
    assert f"/companies/{company.pk}/logo-256.png?v={company.logo_version}" in page


def test_editor_shows_field_errors_and_keeps_the_old_profile__POL_J_007(browser_client_for):
    recruiter, company, _, _ = _hiring_company()
    browser = browser_client_for(recruiter)
    answer = browser.post(
        f"/companies/{company.pk}/edit/",
        {
            "name": company.name,
            "founded_year": "2999",
            "benefits": "",
            "logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", "image/png"),
        },
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors
    company.refresh_from_db()
    assert company.benefits == ["재택근무", "식대 지원"]
    assert not company.logo_version


def test_bad_logo_is_a_field_error_and_the_profile_change_is_rolled_back(browser_client_for):
    recruiter, company, _, _ = _hiring_company()
    answer = browser_client_for(recruiter).post(
        f"/companies/{company.pk}/edit/",
        {
            "name": "바뀌면 안 되는 이름",
            "benefits": "",
            "logo": SimpleUploadedFile("logo.png", b"GIF89a broken", "image/gif"),
        },
    )
    assert answer.status_code == 200
    assert "logo" in answer.context["form"].errors
    company.refresh_from_db()
    assert company.name != "바뀌면 안 되는 이름"


def test_other_recruiters_and_jobseekers_may_not_edit__POL_J_007(browser_client_for):
    _, company, _, _ = _hiring_company()
    assert (
        browser_client_for(RecruiterFactory()).get(f"/companies/{company.pk}/edit/").status_code
        == 403
    )
    assert (
        browser_client_for(JobseekerFactory()).get(f"/companies/{company.pk}/edit/").status_code
        == 403
    )
    assert (
        browser_client_for(AdminFactory()).get(f"/companies/{company.pk}/edit/").status_code == 200
    )
    guest = Client().get(f"/companies/{company.pk}/edit/")
    assert guest.status_code == 302
    assert "/accounts/login/" in guest["Location"]


def test_jobseeker_follows_and_unfollows_from_the_page__POL_J_007(browser_client_for):
    _, company, _, _ = _hiring_company()
    seeker = JobseekerFactory()
    browser = browser_client_for(seeker)
    assert browser.post(f"/companies/{company.pk}/follow/").status_code == 302
    assert CompanyFollow.objects.filter(user=seeker, company=company).exists()
    page = browser.get(f"/companies/{company.pk}/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert 'aria-pressed="true"' in page
    listed = browser.get("/companies/following/").content.decode()
    assert company.name in listed
    browser.post(f"/companies/{company.pk}/follow/", {"action": "unfollow"})
    assert not CompanyFollow.objects.filter(user=seeker, company=company).exists()


def test_recruiters_cannot_follow_and_guests_sign_in_first__POL_J_007(browser_client_for):
    _, company, _, _ = _hiring_company()
    assert (
        browser_client_for(RecruiterFactory()).post(f"/companies/{company.pk}/follow/").status_code
        == 403
    )
    guest = Client().post(f"/companies/{company.pk}/follow/")
    assert guest.status_code == 302
    assert "/accounts/login/" in guest["Location"]
    assert not CompanyFollow.objects.exists()


def test_sitemap_lists_companies_that_are_hiring__POL_J_007():
    _, company, _, _ = _hiring_company()
    idle = RecruiterFactory().company
    xml = Client().get("/sitemap.xml").content.decode()
    assert f"/companies/{company.pk}/</loc>" in xml
    assert f"/companies/{idle.pk}/</loc>" not in xml


def test_api_company_profile_counts_open_jobs__POL_J_007(api_client):
    _, company, _, _ = _hiring_company()
    body = api_client.get(f"/api/v1/companies/{company.pk}").json()
    assert body["name"] == company.name
    assert body["benefits"] == ["재택근무", "식대 지원"]
    assert body["open_jobs"] == 1
    assert body["logo"] is None
    assert api_client.get("/api/v1/companies/999999").status_code == 404


def test_api_patch_and_logo_by_own_recruiter_only__POL_J_007(api_client_for):
    recruiter, company, _, _ = _hiring_company()
    mine = api_client_for(recruiter)
    answer = mine.patch(
        f"/api/v1/companies/{company.pk}",
        {"industry": "게임", "benefits": ["사내 카페"]},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["industry"] == "게임"
    logo = mine.post(
        f"/api/v1/companies/{company.pk}/logo",
        {"logo": SimpleUploadedFile("l.png", _png(), "image/png")},
        format="multipart",
    )
    assert logo.status_code == 200
    assert logo.json()["logo"].endswith(".png?v=" + logo.json()["logo"][-16:])
    refused = api_client_for(RecruiterFactory()).patch(
        f"/api/v1/companies/{company.pk}", {"industry": "해킹"}, format="json"
    )
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")
    bad = mine.post(
        f"/api/v1/companies/{company.pk}/logo",
        {"logo": SimpleUploadedFile("l.png", b"not an image", "image/png")},
        format="multipart",
    )
    assert bad.status_code == 400
    company.refresh_from_db()
    assert company.industry == "게임"


def test_api_follow_unfollow_and_list__POL_J_007(api_client_for):
    _, company, _, _ = _hiring_company()
    seeker = api_client_for(JobseekerFactory())
    assert seeker.put(f"/api/v1/companies/{company.pk}/follow").status_code == 204
    assert seeker.put(f"/api/v1/companies/{company.pk}/follow").status_code == 204  # idempotent
    assert [c["id"] for c in seeker.get("/api/v1/companies/following").json()] == [company.pk]
    assert seeker.delete(f"/api/v1/companies/{company.pk}/follow").status_code == 204
    assert seeker.get("/api/v1/companies/following").json() == []
    recruiter = api_client_for(RecruiterFactory())
    assert recruiter.put(f"/api/v1/companies/{company.pk}/follow").status_code == 403
    assert recruiter.get("/api/v1/companies/following").status_code == 403
