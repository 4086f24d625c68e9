"""The jobs pages, as a browser sees them (JWT cookies)."""

import json
import re

import pytest
from django.test import Client

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from jobs.models import Category, Job, JobStatus, Location
from jobs.tests.factories import (
    BannerOptionFactory,
    ClosedJobFactory,
    DraftJobFactory,
    PremiumOptionFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db


def _ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def _form(**overrides):
    return {
        "title": "백엔드 개발자",
        "description": "Django",
        "category": Category.objects.get(code="software").pk,
        "location": Location.objects.get(code="seoul").pk,
        "employment_type": "full_time",
        "experience": "any",
        "education": "any",
        "salary_mode": "range",
        "salary_min": "4000",  # 만원
        "salary_max": "6000",
        "deadline_type": "rolling",
        **overrides,
    }


def test_home_shows_banner_premium_and_latest__POL_J_005(client):
    banner = BannerOptionFactory(job__title="배너 공고").job
    premium = PremiumOptionFactory(job__title="프리미엄 공고").job
    PublishedJobFactory(title="최신 공고")
    page = client.get("/").content.decode()
    for title in (banner.title, premium.title, "최신 공고"):
        assert title in page
    assert 'action="/jobs/"' in page


def test_list_page_search_filter_and_premium_badge(client):
    PremiumOptionFactory(job__title="Premium Django")
    PublishedJobFactory(title="부산 개발자", location=Location.objects.get(code="busan"))
    page = client.get("/jobs/").content.decode()
    assert "badge-premium" in page
    filtered = client.get("/jobs/", {"location": "busan"}).content.decode()
    assert "부산 개발자" in filtered
    assert "Premium Django" not in filtered
    assert "<mark>부산</mark> 개발자" in client.get("/jobs/", {"q": "부산"}).content.decode()


def test_list_page_paginates(client, settings):
    settings.JOBS_PAGE_SIZE = 2
    PublishedJobFactory.create_batch(3)
    response = client.get("/jobs/", {"page": 2})
    assert response.context["page_obj"].number == 2
    assert len(response.context["jobs"]) == 1


def test_list_page_ignores_invalid_filters(client):
    PublishedJobFactory()
    response = client.get("/jobs/", {"salary_min": "lots", "sort": "nope"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 1


@pytest.mark.parametrize("count", [1, 50])
def test_pages_run_a_fixed_number_of_queries(
    client, settings, django_assert_max_num_queries, count
):
    settings.JOBS_PAGE_SIZE = 50
    PublishedJobFactory.create_batch(count)
    PremiumOptionFactory()
    BannerOptionFactory()
    with django_assert_max_num_queries(8):
        assert client.get("/jobs/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/jobs/feed/").status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_my_jobs_runs_a_fixed_number_of_queries(
    browser_client_for, django_assert_max_num_queries, count
):
    recruiter = RecruiterFactory()
    PublishedJobFactory.create_batch(count, owner=recruiter, company=recruiter.company)
    browser = browser_client_for(recruiter)
    with django_assert_max_num_queries(10):
        assert browser.get("/jobs/mine/").status_code == 200


def test_detail_has_valid_job_posting_json_ld(client):
    job = PublishedJobFactory(title='따옴표 "</script>" 공고', remote=True)
    response = client.get(f"/jobs/{job.pk}/")
    data = _ld(response)
    assert data["@type"] == "JobPosting"
    assert data["title"] == job.title
    assert data["hiringOrganization"]["name"] == job.company.name
    assert data["baseSalary"]["value"]["minValue"] == job.salary_min
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert '</script>"' not in response.content.decode().split("ld+json")[1].split("</script>")[0]


def test_detail_query_count(client, django_assert_max_num_queries):
    job = PremiumOptionFactory().job
    with django_assert_max_num_queries(3):
        assert client.get(f"/jobs/{job.pk}/").status_code == 200


def test_closed_job_page_says_closed__POL_J_002(client):
    job = ClosedJobFactory()
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "badge-danger" in page
    assert "application/ld+json" not in page


def test_draft_page_404_for_others__POL_J_003(client, browser_client_for):
    job = DraftJobFactory()
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert browser_client_for(JobseekerFactory()).get(f"/jobs/{job.pk}/").status_code == 404
    assert browser_client_for(job.owner).get(f"/jobs/{job.pk}/").status_code == 200


def test_feed_and_sitemap_list_open_jobs(client):
    job = PublishedJobFactory(title="피드 공고")
    closed = ClosedJobFactory(title="닫힌 공고")
    feed = client.get("/jobs/feed/").content.decode()
    assert "피드 공고" in feed
    assert "닫힌 공고" not in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/jobs/{job.pk}/" in sitemap
    assert f"/jobs/{closed.pk}/" not in sitemap


def test_feed_carries_descriptions_as_plain_text(client):
    """A feed reader renders `type="html"` summaries: markup a recruiter typed would run
    there. As `type="text"` it is shown literally (issue #13, item 6)."""
    from xml.etree import ElementTree

    PublishedJobFactory(description='<img src=x onerror="alert(1)"> 공고 본문')
    feed = ElementTree.fromstring(client.get("/jobs/feed/").content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    summaries = feed.findall(f"{atom}entry/{atom}summary")
    assert [s.get("type") for s in summaries] == ["text"]
    assert summaries[0].text.startswith('<img src=x onerror="alert(1)">')


def test_my_jobs_lists_own_jobs_with_status_and_counts(browser_client_for):
    recruiter = RecruiterFactory()
    DraftJobFactory(owner=recruiter, company=recruiter.company, title="내 초안")
    PublishedJobFactory(title="남의 공고")
    page = browser_client_for(recruiter).get("/jobs/mine/").content.decode()
    assert "내 초안" in page
    assert "남의 공고" not in page
    assert "<td>0</td>" in page


def test_nav_shows_recruiter_links_only_to_recruiters(client, browser_client_for):
    assert 'href="/jobs/mine/"' not in client.get("/").content.decode()
    assert 'href="/jobs/mine/"' in browser_client_for(RecruiterFactory()).get("/").content.decode()


def test_create_job_page_saves_and_publishes_once_confirmed__POL_J_001_POL_J_008(
    browser_client_for,
):
    recruiter = RecruiterFactory()
    browser = browser_client_for(recruiter)
    response = browser.post("/jobs/new/", {**_form(), "publish": "confirmed"})
    job = Job.objects.get(owner=recruiter)
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == JobStatus.PUBLISHED


def test_save_and_publish_without_the_dialog_saves_a_draft_then_asks__POL_J_008(
    browser_client_for,
):
    """Without JavaScript the dialog never opens: the job is kept as a draft and the
    confirmation page asks before anything is published."""
    recruiter = RecruiterFactory()
    browser = browser_client_for(recruiter)
    response = browser.post("/jobs/new/", {**_form(), "publish": "ask"})
    job = Job.objects.get(owner=recruiter)
    assert job.status == JobStatus.DRAFT
    assert response["Location"] == f"/jobs/{job.pk}/publish/"
    assert "게시할까요?" in browser.get(response["Location"]).content.decode()


def test_create_form_shows_field_errors__POL_J_004(browser_client_for):
    browser = browser_client_for(RecruiterFactory())
    response = browser.post("/jobs/new/", _form(salary_min="9", salary_max="1", title=""))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "salary_max" in errors
    assert "title" in errors
    assert 'class="errorlist' in response.content.decode()


def test_admin_create_form_offers_company_and_service_errors_show(browser_client_for):
    admin = AdminFactory()
    company = RecruiterFactory().company
    browser = browser_client_for(admin)
    assert "company" in browser.get("/jobs/new/").context["form"].fields
    response = browser.post("/jobs/new/", {**_form(), "company": company.pk})
    assert response.status_code == 302
    assert Job.objects.get().company == company


def test_edit_page_by_owner_and_403_for_others__POL_J_001(browser_client_for):
    job = DraftJobFactory()
    owner = browser_client_for(job.owner)
    assert owner.get(f"/jobs/{job.pk}/edit/").status_code == 200
    response = owner.post(f"/jobs/{job.pk}/edit/", _form(title="수정된 제목"))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.title == "수정된 제목"
    assert job.status == JobStatus.DRAFT
    other = browser_client_for(RecruiterFactory())
    assert other.post(f"/jobs/{job.pk}/edit/", _form()).status_code == 404  # drafts hide
    published = PublishedJobFactory()
    assert other.get(f"/jobs/{published.pk}/edit/").status_code == 403


def test_edit_closed_job_shows_error__POL_J_002(browser_client_for):
    job = ClosedJobFactory()
    response = browser_client_for(job.owner).post(f"/jobs/{job.pk}/edit/", _form())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_publish_and_close_act_only_once_confirmed__POL_J_008(browser_client_for):
    job = DraftJobFactory()
    browser = browser_client_for(job.owner)
    asked = browser.post(f"/jobs/{job.pk}/publish/")
    assert asked.status_code == 200  # a POST without the confirmation button asks again
    job.refresh_from_db()
    assert job.status == JobStatus.DRAFT
    assert browser.post(f"/jobs/{job.pk}/publish/", {"confirm": "yes"}).status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED
    response = browser.post(
        f"/jobs/{job.pk}/close/", {"next": f"/jobs/{job.pk}/", "confirm": "yes"}
    )
    assert response["Location"] == f"/jobs/{job.pk}/"
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    refused = browser.post(f"/jobs/{job.pk}/publish/", {"confirm": "yes"})
    assert refused.status_code == 409
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED


def test_close_ignores_offsite_next(browser_client_for):
    job = PublishedJobFactory()
    response = browser_client_for(job.owner).post(
        f"/jobs/{job.pk}/close/", {"next": "https://evil.example/", "confirm": "yes"}
    )
    assert response["Location"] == "/jobs/mine/"


def test_guest_is_sent_to_sign_in():
    response = Client().get("/jobs/new/")
    assert response.status_code == 302


def test_pages_are_korean_by_default_and_english_on_request(client):
    PublishedJobFactory(employment_type="internship")
    korean = client.get("/jobs/").content.decode()
    assert "채용공고" in korean
    assert "인턴" in korean
    english = client.get("/jobs/", headers={"accept-language": "en"}).content.decode()
    assert "Internship" in english
