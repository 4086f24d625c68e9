"""The recruiter's pipeline in a real Chromium (issue 15 item 4): the board scrolls sideways
to all seven columns and says so; a card moves by its keyboard form and another by drag and
drop (POL-AP-003); the recruiter sees the applicant's contact details (POL-AP-008, logged),
writes a private note and sends a template message (POL-AP-007) — and the jobseeker's pages,
API and emails show the message but never the note."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from applications.models import Application, ContactView
from applications.tests.factories import ApplicationFactory
from applications.tests.helpers import run_worker
from jobs.tests.factories import PublishedJobFactory
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_applications_journey import signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTE = "연봉 협상 여지 적음 (내부용)"


@pytest.fixture
def contexts(browser):
    opened = []

    def new():
        context = browser.new_context(locale="ko-KR", viewport={"width": 1280, "height": 900})
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()


def column(page, stage):
    return page.locator(f"section.board-column[data-stage={stage}]")


def drag(page, application, stage):
    """Drag a card by its top edge, as a person grabs it: its middle may be its form's
    controls (the card grew with its fit, POL-S-003), and a press there opens a select."""
    card = page.locator(f"#application-{application.pk}")
    card.drag_to(column(page, stage), source_position={"x": 8, "y": 4})


def test_board_moves_by_keyboard_and_drag_and_drop__POL_AP_003(
    contexts, live_server, settings, tmp_path
):
    settings.RESUME_STORAGE_ROOT = str(tmp_path / "private")
    recruiter = RecruiterFactory()
    job = PublishedJobFactory(owner=recruiter, title="보드 테스트")
    by_keyboard = ApplicationFactory(job=job, applicant__name="키보드")
    by_mouse = ApplicationFactory(job=job, applicant__name="드래그")

    page, errors = signed_in_page(contexts, live_server, recruiter)
    page.goto(f"{live_server.url}/applications/jobs/{job.pk}/board/")
    expect(page.locator("#board-hint")).to_be_visible()
    expect(page.locator("#board-hint")).to_contain_text("7개 단계")
    board = page.locator("[data-board]")
    assert board.evaluate("el => el.scrollWidth > el.clientWidth"), "the board should scroll"
    # Keyboard users reach the last column by focusing the board and pressing the arrow keys.
    board.focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    expect(column(page, "withdrawn")).to_be_in_viewport()
    board.evaluate("el => { el.scrollLeft = 0; }")

    # The keyboard way: the card's own form, operated with keys only.
    card = page.locator(f"#application-{by_keyboard.pk}")
    card.locator("select").focus()
    card.locator("select").select_option("interview")  # skipping screening (POL-AP-003)
    card.locator("input[name$=note]").focus()
    page.keyboard.type("키보드로 이동")
    page.keyboard.press("Enter")
    expect(column(page, "interview").locator(f"#application-{by_keyboard.pk}")).to_be_visible()

    # Drag and drop: the card onto the offer column.
    drag(page, by_mouse, "offer")
    expect(column(page, "offer").locator(f"#application-{by_mouse.pk}")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "recruiter-board.png"), full_page=True)

    by_keyboard.refresh_from_db()
    by_mouse.refresh_from_db()
    assert (by_keyboard.stage, by_mouse.stage) == ("interview", "offer")
    # One step back is allowed by drag and drop too; two steps back is not offered.
    drag(page, by_mouse, "applied")
    expect(column(page, "offer").locator(f"#application-{by_mouse.pk}")).to_be_visible()
    drag(page, by_mouse, "interview")
    expect(column(page, "interview").locator(f"#application-{by_mouse.pk}")).to_be_visible()
    assert Application.objects.get(pk=by_mouse.pk).stage == "interview"

    # Bulk: both cards checked and moved to offer in one go.
    page.locator(f"#select-{by_keyboard.pk}").check()
    page.locator(f"#select-{by_mouse.pk}").check()
    page.locator("#bulk-move select[name=stage]").select_option("offer")
    page.locator("#bulk-move button[type=submit]").click()
    expect(column(page, "offer").locator("article.board-card")).to_have_count(2)
    assert errors == []


def test_contact_details_and_a_private_note_the_jobseeker_never_sees__POL_AP_007_POL_AP_008(
    contexts, live_server, settings, tmp_path
):
    settings.RESUME_STORAGE_ROOT = str(tmp_path / "private")
    recruiter = RecruiterFactory()
    job = PublishedJobFactory(owner=recruiter, title="비공개 메모 테스트")
    jobseeker = JobseekerFactory(name="박지원", email="jiwon@example.com")
    application = ApplicationFactory(job=job, applicant=jobseeker)

    page, errors = signed_in_page(contexts, live_server, recruiter)
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    contact = page.locator("#contact-details")
    expect(contact).to_contain_text("jiwon@example.com")
    assert ContactView.objects.filter(application=application, user=recruiter).count() == 1

    notes = page.locator("#private-notes")
    notes.get_by_label("비공개 메모").fill(NOTE)
    notes.get_by_role("button", name="메모 추가").click()
    expect(page.locator("#private-notes")).to_contain_text(NOTE)
    page.locator("#private-notes").get_by_label("4").check()
    page.locator("#private-notes").get_by_role("button", name="평점 저장").click()
    expect(page.locator("#private-notes")).to_contain_text("★ 4/5")

    page.get_by_label("템플릿").select_option(label="면접 안내")
    page.get_by_role("button", name="메시지 보내기").click()
    expect(page.locator("ol.timeline")).to_contain_text("면접 안내")
    page.screenshot(path=str(SCREENSHOTS / "recruiter-applicant-page.png"), full_page=True)

    mail.outbox.clear()
    run_worker()
    assert any("면접" in message.subject for message in mail.outbox)
    for message in mail.outbox:
        assert NOTE not in message.body

    seeker, seeker_errors = signed_in_page(contexts, live_server, jobseeker)
    seeker.goto(f"{live_server.url}/applications/mine/")
    expect(seeker.locator("ol.timeline")).to_contain_text("면접 안내")
    expect(seeker.locator("main")).not_to_contain_text(NOTE)
    expect(seeker.locator("main")).not_to_contain_text("★")
    seeker.goto(f"{live_server.url}/applications/{application.pk}/")
    expect(seeker.locator("main")).not_to_contain_text(NOTE)
    expect(seeker.locator("#contact-details")).to_have_count(0)
    api = seeker.request.get(f"{live_server.url}/api/v1/applications/{application.pk}")
    assert api.status == 200
    assert NOTE not in api.text()
    assert re.search("면접 안내", api.text())
    assert (
        seeker.request.get(f"{live_server.url}/api/v1/applications/{application.pk}/notes").status
        == 403
    )
    assert errors == []
    assert seeker_errors == []
