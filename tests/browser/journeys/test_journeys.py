"""The whole story, told in order against the app served by gunicorn on PostgreSQL + Redis
(issue 8): a recruiter registers with a company, posts a job and buys a premium option
through the sandbox gateway (POL-J-005, POL-P-003, POL-P-006); a jobseeker registers,
searches in Korean, filters, applies with a PDF (POL-AP-001, POL-AP-002); the recruiter
moves the applicant screening → interview → offer (POL-AP-003); the jobseeker sees the
timeline and the notification (POL-AP-004); an admin refunds the order in Django admin and
the option ends (POL-P-006).

Each person has a browser of their own (a context) for the whole module and starts at the
home page; every step uses only what a person sees: roles, labels, links and buttons. The
steps run in file order and share what they learn in `STORY`; a step whose predecessor
failed fails too (it says so) instead of telling half a story."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys.files import minimal_pdf

pytestmark = pytest.mark.browser

PASSWORD = "journey-pass-2026!"
RECRUITER = {"email": "hr@journey-soft.kr", "name": "박채용", "company": "저니소프트"}
SEEKER = {"email": "jiwon@journey-mail.kr", "name": "김지원"}
JOB_TITLE = "플레이라이트 백엔드 개발자"
QUERY = "플레이라이트"  # a Korean word of the title, typed into the home search box
ADMIN = {"email": "admin@demo.jobboard.kr", "password": "jobboard-demo-2026"}

STORY: dict = {}


def _needs(*keys: str) -> None:
    missing = [key for key in keys if key not in STORY]
    if missing:
        pytest.fail(f"an earlier step of the story did not finish: {missing}")


def nav(page, name):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def _register(page, base: str, who: dict, role: str) -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label(role).check()
    page.get_by_label("Email", exact=True).fill(who["email"])
    page.get_by_label("Name", exact=True).fill(who["name"])
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password, again", exact=True).fill(PASSWORD)
    if "company" in who:
        page.get_by_label("Company name").fill(who["company"])
    # POL-PRIV-001: the three required consents; marketing stays unticked.
    page.get_by_label("I agree to the terms of service").check()
    page.get_by_label("I agree to the collection and use of my personal information").check()
    page.get_by_label("I am 14 years or older").check()
    page.get_by_role("button", name="Register").click()
    # Signed in at once, and no email in the address.
    expect(page).to_have_url(re.compile(r"/$"))
    assert "email" not in page.url
    expect(page.locator(".account-name")).to_have_text(who["name"])


def test_recruiter_registers_posts_and_promotes_a_job(cast, served_app):
    page = cast.page("recruiter")
    _register(page, served_app, RECRUITER, "Recruiter")
    cast.shot("recruiter", "journey-01-recruiter-signed-in")

    nav(page, "Post a job").click()
    page.get_by_label("Title").fill(JOB_TITLE)
    page.get_by_label("Category").select_option(label="Software development")
    page.get_by_label("Location").select_option(label="Seoul")
    page.get_by_label("Employment type").select_option(label="Full-time")
    page.get_by_label("Remote").check()
    page.get_by_label(re.compile("^Minimum salary")).fill("6000")  # in 만원
    page.get_by_label(re.compile("^Maximum salary")).fill("9000")
    page.get_by_label("Always hiring (상시채용)").check()
    page.get_by_label("Description").fill("Django와 PostgreSQL로 채용 서비스를 만듭니다.")
    cast.shot("recruiter", "journey-02-job-form")
    page.get_by_role("button", name="Save and publish").click()
    # POL-J-008: publishing asks first, in a dialog when scripts run.
    page.get_by_role("dialog").get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1, name=JOB_TITLE)).to_be_visible()
    STORY["job_url"] = page.url
    cast.assert_clean("recruiter")

    # Buy a premium listing from "my jobs" through the sandbox gateway's window.
    nav(page, "My jobs").click()
    row = page.get_by_role("row").filter(has_text=JOB_TITLE)
    row.get_by_role("link", name=re.compile("^Promote")).click()
    expect(page.get_by_role("heading", level=1, name="Promote a job")).to_be_visible()
    page.get_by_label(re.compile("Premium.*7")).check()
    page.get_by_label("Toss Payments").check()
    cast.shot("recruiter", "journey-03-checkout")
    cast.assert_clean("recruiter")
    page.get_by_role("main").get_by_role("button", name="Pay").click()
    expect(page).to_have_url(re.compile(r"/payments/sandbox/toss/checkout/"))
    cast.shot("recruiter", "journey-04-sandbox-window")
    page.get_by_role("button", name="Pay").click()
    expect(page).to_have_url(re.compile(r"/payments/return/toss/"))
    expect(page.get_by_role("main")).to_contain_text(re.compile("paid|Paid"))
    cast.shot("recruiter", "journey-05-payment-success")
    cast.assert_clean("recruiter")
    nav(page, "My orders").click()
    expect(page).to_have_url(re.compile(r"/payments/orders/$"))
    order_link = page.get_by_role("main").get_by_role("table").get_by_role("link").first
    STORY["order_id"] = order_link.inner_text().strip()

    # The premium job comes first in the job list, marked.
    nav(page, "Jobs").click()
    first = page.locator(".job-results .job-card").first
    expect(first).to_contain_text(JOB_TITLE)
    expect(first).to_have_class(re.compile("is-premium"))
    cast.shot("recruiter", "journey-06-job-list-premium-first")
    cast.assert_clean("recruiter")


def test_jobseeker_registers_searches_and_applies(cast, served_app, tmp_path):
    _needs("job_url")
    page = cast.page("seeker")
    _register(page, served_app, SEEKER, "Jobseeker")
    page.get_by_role("link", name="jobboard", exact=False).first.click()
    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill(QUERY)
    search.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/jobs/\?"))
    results = page.locator(".job-results .job-card")
    expect(results.first).to_contain_text(JOB_TITLE)
    cast.shot("seeker", "journey-07-search-korean")

    filters = page.get_by_role("search", name="Search and filter jobs")
    filters.get_by_label("Location").select_option(label="Seoul")
    filters.get_by_label("Category").select_option(label="Software development")
    filters.get_by_label("Remote only").check()
    filters.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"remote=on"))
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(JOB_TITLE)
    cast.shot("seeker", "journey-08-filtered")
    cast.assert_clean("seeker")

    page.get_by_role("link", name=JOB_TITLE).click()
    expect(page.get_by_role("heading", level=1, name=JOB_TITLE)).to_be_visible()
    cast.shot("seeker", "journey-09-job-detail")
    cast.assert_clean("seeker")
    page.get_by_role("link", name="Apply now").click()

    resume = tmp_path / "이력서.pdf"
    resume.write_bytes(minimal_pdf())
    page.get_by_label(re.compile("Résumé")).set_input_files(str(resume))
    page.get_by_label("Cover letter").fill("안녕하세요, 백엔드 개발자 김지원입니다.")
    cast.shot("seeker", "journey-10-apply-form")
    cast.assert_clean("seeker")
    page.get_by_role("button", name="Send application").click()

    expect(page).to_have_url(re.compile(r"/applications/mine/"))
    expect(page.get_by_role("heading", name=JOB_TITLE)).to_be_visible()
    expect(page.locator("ol.timeline li")).to_have_count(1)
    cast.shot("seeker", "journey-11-my-applications")
    cast.assert_clean("seeker")
    STORY["applied"] = True


def test_recruiter_moves_the_applicant_to_offer(cast, served_app):
    _needs("applied")
    page = cast.page("recruiter")
    page.goto(served_app + "/")
    nav(page, "My jobs").click()
    row = page.get_by_role("row").filter(has_text=JOB_TITLE)
    row.get_by_role("link", name="Applicants").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(JOB_TITLE)
    for stage in ("Screening", "Interview", "Offer"):
        card = page.locator("article.board-card").filter(has_text=SEEKER["name"])
        card.get_by_label("Move to").select_option(label=stage)
        card.get_by_label("Note").fill(f"{stage} 단계로 이동")
        card.get_by_role("button", name="Move").click()
        column = page.get_by_role("region", name=re.compile(f"^{stage}"))
        expect(column.locator("article.board-card")).to_contain_text(SEEKER["name"])
    cast.shot("recruiter", "journey-12-board-offer")
    cast.assert_clean("recruiter")
    STORY["offered"] = True


def test_jobseeker_follows_the_timeline_and_notifications(cast, served_app):
    _needs("offered")
    page = cast.page("seeker")
    page.goto(served_app + "/")
    nav(page, "My applications").click()
    timeline = page.locator("ol.timeline li")
    expect(timeline).to_have_count(4)
    expect(timeline.last).to_contain_text("Offer")
    # The notes the recruiter typed with each move are private (POL-AP-007).
    expect(page.get_by_role("main")).not_to_contain_text("단계로 이동")
    cast.shot("seeker", "journey-13-timeline-updated")
    nav(page, re.compile("^Notifications")).click()
    notes = page.locator(".apps-notifications li")
    expect(notes).to_have_count(4)  # three stage moves and the "applied" confirmation
    expect(page.get_by_role("main")).to_contain_text("Offer")
    cast.shot("seeker", "journey-14-notifications")
    cast.assert_clean("seeker")


def test_admin_refunds_the_order_in_django_admin(cast, served_app):
    _needs("order_id", "job_url")
    page = cast.page("admin")
    page.goto(served_app + "/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email", exact=True).fill(ADMIN["email"])
    page.get_by_label("Password", exact=True).fill(ADMIN["password"])
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.locator(".account-name")).to_be_visible()
    page.goto(served_app + "/admin/")
    expect(page.locator("#site-name")).to_be_visible()
    page.get_by_role("link", name="Orders").click()
    page.get_by_role("textbox", name="Search").fill(STORY["order_id"])
    page.get_by_role("button", name="Search").click()
    row = page.get_by_role("row").filter(has_text=STORY["order_id"])
    expect(row).to_have_count(1)
    expect(row).to_contain_text(re.compile("Paid", re.I))
    # POL-P-007: refunds go through a confirmation page with the policy's amount and a reason.
    row.get_by_role("link", name=STORY["order_id"]).click()
    page.get_by_role("link", name="Refund…").click()
    amount = page.get_by_label("Amount to refund (KRW)")
    expect(amount).not_to_have_value("")  # the policy's amount, pre-filled
    page.get_by_label("Reason").fill("고객 요청 (journey)")
    page.get_by_role("button", name="Refund").click()
    message = re.compile(re.escape(f"of order {STORY['order_id']} was refunded"), re.I)
    expect(page.locator(".messagelist")).to_contain_text(message)
    page.goto(served_app + "/admin/payments/order/?q=" + STORY["order_id"])
    expect(row).to_contain_text(re.compile("Refunded", re.I))
    cast.shot("admin", "journey-15-admin-refunded")
    cast.assert_clean("admin")

    # The premium option ended: the job is no longer marked in the list.
    page.goto(served_app + "/jobs/")
    card = page.locator(".job-results .job-card").filter(has_text=JOB_TITLE)
    expect(card).to_have_count(1)
    expect(card).not_to_have_class(re.compile("is-premium"))
