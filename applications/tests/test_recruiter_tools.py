"""The recruiter's tools on the applicant page and board: private notes and ratings
(POL-AP-007), messages to the applicant (POL-AP-007 via POL-AP-004), contact details
(POL-AP-008) and the bulk move (POL-AP-003)."""

import pytest
from django.apps import apps
from django.core import mail
from django.db import IntegrityError, transaction

from accounts.tests.factories import AdminFactory, RecruiterFactory
from applications import selectors, services
from applications.exceptions import ApplicationNotFound, InvalidInput, StageMoveForbidden
from applications.models import (
    ApplicantMessage,
    ApplicantNote,
    ApplicantRating,
    Application,
    ContactView,
    MessageTemplate,
    Notification,
    Stage,
    StageChange,
)
from applications.policies import can_view_contact, can_view_private_notes
from applications.tests.factories import ApplicationFactory, OfferApplicationFactory
from applications.tests.helpers import run_worker

pytestmark = pytest.mark.django_db

SECRET = "연봉 기대치가 높음 — 내부 메모"


def colleague_of(user):
    return RecruiterFactory(company=user.company)


# --- POL-AP-007: private notes and ratings


def test_a_note_written_with_a_move_is_private__POL_AP_007(api_client_for, browser_client_for):
    application = ApplicationFactory()
    owner = application.job.owner
    services.application_move_stage(
        application_id=application.pk, actor=owner, stage="screening", note=SECRET
    )
    assert StageChange.objects.filter(application=application, note__contains="연봉").count() == 0
    [note] = ApplicantNote.objects.filter(application=application)
    assert (note.body, note.author, note.stage_change.to_stage) == (SECRET, owner, "screening")
    run_worker()
    applicant = application.applicant
    # never in the applicant's pages, API or emails
    browser = browser_client_for(applicant)
    for page in ("/applications/mine/", f"/applications/{application.pk}/"):
        assert SECRET not in browser.get(page).text
    client = api_client_for(applicant)
    for url in (f"/api/v1/applications/{application.pk}", "/api/v1/applications"):
        assert SECRET not in client.get(url).content.decode()
    assert SECRET not in client.get("/api/v1/notifications").content.decode()
    assert client.get(f"/api/v1/applications/{application.pk}/notes").status_code == 403
    assert mail.outbox
    for message in mail.outbox:
        assert SECRET not in message.body
        assert SECRET not in message.alternatives[0][0]
    # the hiring side reads it
    assert SECRET in browser_client_for(owner).get(f"/applications/{application.pk}/").text


def test_the_applicants_withdrawal_reason_stays_in_the_timeline__POL_AP_007():
    application = ApplicationFactory()
    services.application_withdraw(
        application_id=application.pk, applicant=application.applicant, note="다른 곳에 합격"
    )
    assert application.history.last().note == "다른 곳에 합격"
    assert not ApplicantNote.objects.exists()


def test_company_colleagues_and_admins_read_notes_others_do_not__POL_AP_007():
    application = ApplicationFactory()
    owner = application.job.owner
    services.private_note_add(application_id=application.pk, author=owner, body=SECRET)
    for reader in (owner, colleague_of(owner), AdminFactory()):
        assert can_view_private_notes(reader, application)
        notes = selectors.private_notes_of(user=reader, application=application)
        assert [n.body for n in notes] == [SECRET]
    for stranger in (application.applicant, RecruiterFactory()):
        assert not can_view_private_notes(stranger, application)
        assert selectors.private_notes_of(user=stranger, application=application) is None
    with pytest.raises(ApplicationNotFound):
        services.private_note_add(
            application_id=application.pk, author=RecruiterFactory(), body="x"
        )


def test_empty_note_is_refused__POL_AP_007():
    application = ApplicationFactory()
    with pytest.raises(InvalidInput):
        services.private_note_add(
            application_id=application.pk, author=application.job.owner, body="   "
        )


def test_rating_is_1_to_5_and_the_latest_stands__POL_AP_007():
    application = ApplicationFactory()
    owner = application.job.owner
    services.applicant_rate(application_id=application.pk, rater=owner, score=2)
    services.applicant_rate(application_id=application.pk, rater=colleague_of(owner), score=5)
    assert ApplicantRating.objects.get(application=application).score == 5
    for score in (0, 6):
        with pytest.raises(InvalidInput):
            services.applicant_rate(application_id=application.pk, rater=owner, score=score)
    with pytest.raises(ApplicationNotFound):
        services.applicant_rate(application_id=application.pk, rater=RecruiterFactory(), score=3)


def test_the_database_refuses_a_rating_outside_1_to_5__POL_AP_007():
    application = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicantRating.objects.create(application=application, score=9)


def test_notes_and_rating_api__POL_AP_007(api_client_for):
    application = ApplicationFactory()
    owner = application.job.owner
    client = api_client_for(owner)
    url = f"/api/v1/applications/{application.pk}/notes"
    created = client.post(url, {"body": SECRET})
    assert created.status_code == 201
    assert (
        client.put(f"/api/v1/applications/{application.pk}/rating", {"score": 4}).json()["score"]
        == 4
    )
    bad = client.put(f"/api/v1/applications/{application.pk}/rating", {"score": 7})
    assert bad.status_code == 400
    listed = api_client_for(colleague_of(owner)).get(url).json()
    assert listed["rating"] == 4
    assert [note["body"] for note in listed["notes"]] == [SECRET]
    assert api_client_for(RecruiterFactory()).get(url).status_code == 404
    applicant_view = api_client_for(application.applicant).get(
        f"/api/v1/applications/{application.pk}"
    )
    assert "rating" not in applicant_view.json()
    assert SECRET not in applicant_view.content.decode()


def test_rating_and_note_forms_on_the_applicant_page__POL_AP_007(browser_client_for):
    application = ApplicationFactory()
    browser = browser_client_for(application.job.owner)
    browser.post(f"/applications/{application.pk}/rating/", {"score": "3"})
    browser.post(f"/applications/{application.pk}/notes/", {"body": SECRET})
    page = browser.get(f"/applications/{application.pk}/").text
    assert "★ 3/5" in page
    assert SECRET in page
    empty = browser.post(f"/applications/{application.pk}/notes/", {"body": ""})
    assert empty.status_code == 400
    assert 'class="errorlist"' in empty.text
    applicant_page = browser_client_for(application.applicant).get(
        f"/applications/{application.pk}/"
    )
    assert "★ 3/5" not in applicant_page.text
    assert 'id="private-notes"' not in applicant_page.text


def test_stage_notes_of_the_job_side_become_private_in_the_migration__POL_AP_007():
    from importlib import import_module

    migration = import_module("applications.migrations.0007_recruiter_tools_data")
    application = ApplicationFactory()
    StageChange.objects.create(
        application=application,
        from_stage="applied",
        to_stage="screening",
        actor=application.job.owner,
        note=SECRET,
    )
    StageChange.objects.create(
        application=application,
        from_stage="screening",
        to_stage="withdrawn",
        actor=application.applicant,
        note="개인 사정",
    )
    assert migration.make_stage_notes_private(apps) == 1
    assert list(application.history.values_list("note", flat=True)) == ["", "", "개인 사정"]
    assert ApplicantNote.objects.get().body == SECRET


# --- POL-AP-007: messages to the applicant, from editable templates


def test_a_template_message_reaches_the_timeline_and_the_inbox__POL_AP_007_POL_AP_004(
    browser_client_for,
):
    application = ApplicationFactory(job__title="데이터 엔지니어", applicant__name="김지원")
    template = MessageTemplate.objects.get(code="interview-invitation")
    template.body = "{name} 님, {job} 면접에 모십니다. {unknown}"
    template.save()
    message = services.applicant_message_send(
        application_id=application.pk, sender=application.job.owner, template=template
    )
    assert message.subject == "[데이터 엔지니어] 면접 안내"
    assert message.body == "김지원 님, 데이터 엔지니어 면접에 모십니다. {unknown}"
    notification = Notification.objects.get(user=application.applicant, kind="message")
    assert "면접 안내" in notification.text
    run_worker()
    [email] = mail.outbox
    assert email.to == [application.applicant.email]
    assert "면접 안내" in email.subject
    assert "데이터 엔지니어 면접에 모십니다" in email.body
    page = browser_client_for(application.applicant).get("/applications/mine/").text
    assert "데이터 엔지니어 면접에 모십니다" in page


def test_a_written_message_wins_over_the_template_and_empty_is_refused__POL_AP_007():
    application = ApplicationFactory()
    owner = application.job.owner
    rejection = MessageTemplate.objects.get(code="rejection")
    message = services.applicant_message_send(
        application_id=application.pk, sender=owner, template=rejection, body="직접 쓴 사유"
    )
    assert message.body == "직접 쓴 사유"
    assert "전형 결과" in message.subject
    with pytest.raises(InvalidInput):
        services.applicant_message_send(application_id=application.pk, sender=owner)
    with pytest.raises(ApplicationNotFound):
        services.applicant_message_send(
            application_id=application.pk, sender=RecruiterFactory(), body="hi"
        )


def test_message_api_and_templates_api__POL_AP_007(api_client_for):
    application = ApplicationFactory()
    client = api_client_for(application.job.owner)
    codes = [t["code"] for t in client.get("/api/v1/message-templates").json()]
    assert codes == ["rejection", "interview-invitation"] or set(codes) >= {"rejection"}
    sent = client.post(f"/api/v1/applications/{application.pk}/messages", {"template": "rejection"})
    assert sent.status_code == 201
    detail = api_client_for(application.applicant).get(f"/api/v1/applications/{application.pk}")
    assert [m["subject"] for m in detail.json()["messages"]] == [sent.json()["subject"]]
    empty = client.post(f"/api/v1/applications/{application.pk}/messages", {})
    assert empty.status_code == 400
    assert empty["Content-Type"].startswith("application/problem+json")


def test_message_form_on_the_applicant_page__POL_AP_007(browser_client_for):
    application = ApplicationFactory()
    template = MessageTemplate.objects.get(code="rejection")
    browser = browser_client_for(application.job.owner)
    response = browser.post(
        f"/applications/{application.pk}/message/", {"template": template.pk, "body": ""}
    )
    assert response.status_code == 302
    assert ApplicantMessage.objects.filter(application=application).count() == 1
    refused = browser.post(f"/applications/{application.pk}/message/", {"body": ""})
    assert refused.status_code == 400
    assert 'class="errorlist"' in refused.text


# --- POL-AP-008: contact details


def test_owner_and_admin_see_contact_details_and_each_view_is_logged__POL_AP_008(
    browser_client_for,
):
    application = ApplicationFactory()
    owner = application.job.owner
    url = f"/applications/{application.pk}/"
    for viewer in (owner, owner, AdminFactory()):
        page = browser_client_for(viewer).get(url).text
        assert application.applicant.email in page
    logged = list(ContactView.objects.values_list("application", "user"))
    assert len(logged) == 3
    assert set(logged) >= {(application.pk, owner.pk)}


def test_colleagues_and_the_applicant_do_not_get_contact_details__POL_AP_008(
    browser_client_for,
):
    application = ApplicationFactory()
    owner = application.job.owner
    assert not can_view_contact(colleague_of(owner), application)
    applicant_page = browser_client_for(application.applicant).get(
        f"/applications/{application.pk}/"
    )
    assert 'id="contact-details"' not in applicant_page.text
    assert not ContactView.objects.exists()
    with pytest.raises(ApplicationNotFound):
        services.contact_details_view(application_id=application.pk, viewer=RecruiterFactory())


def test_contact_api_logs_and_lists_carry_no_email__POL_AP_008(api_client_for):
    application = ApplicationFactory()
    client = api_client_for(application.job.owner)
    assert application.applicant.email not in client.get("/api/v1/applications").content.decode()
    contact = client.get(f"/api/v1/applications/{application.pk}/contact")
    assert contact.json() == {"email": application.applicant.email, "phone": ""}
    assert ContactView.objects.filter(application=application).count() == 1
    other = api_client_for(RecruiterFactory()).get(f"/api/v1/applications/{application.pk}/contact")
    assert other.status_code == 404


# --- POL-AP-003: the bulk move


def test_bulk_move_moves_all__POL_AP_003():
    first = ApplicationFactory()
    second = ApplicationFactory(job=first.job, stage=Stage.SCREENING)
    moved = services.application_move_many(
        application_ids=[first.pk, second.pk], actor=first.job.owner, stage="interview"
    )
    assert {a.pk for a in moved} == {first.pk, second.pk}
    assert set(Application.objects.values_list("stage", flat=True)) == {"interview"}


def test_bulk_move_with_one_forbidden_moves_none__POL_AP_003():
    fine = ApplicationFactory()
    stuck = OfferApplicationFactory(job=fine.job)
    before = (StageChange.objects.count(), Notification.objects.count())
    with pytest.raises(StageMoveForbidden) as refused:
        services.application_move_many(
            application_ids=[fine.pk, stuck.pk], actor=fine.job.owner, stage="screening"
        )
    assert refused.value.refused == [stuck.pk]
    assert (StageChange.objects.count(), Notification.objects.count()) == before
    fine.refresh_from_db()
    assert fine.stage == "applied"


def test_bulk_move_api__POL_AP_003(api_client_for):
    first = ApplicationFactory()
    second = ApplicationFactory(job=first.job)
    client = api_client_for(first.job.owner)
    response = client.post(
        "/api/v1/applications/bulk-transitions",
        {"applications": [first.pk, second.pk], "stage": "offer", "note": SECRET},
        format="json",
    )
    assert response.status_code == 200
    assert sorted(response.json()["moved"]) == sorted([first.pk, second.pk])
    assert ApplicantNote.objects.filter(body=SECRET).count() == 2
    back_two = client.post(
        "/api/v1/applications/bulk-transitions",
        {"applications": [first.pk], "stage": "applied"},
        format="json",
    )
    assert back_two.status_code == 409
    foreign = ApplicationFactory()
    hidden = client.post(
        "/api/v1/applications/bulk-transitions",
        {"applications": [foreign.pk], "stage": "screening"},
        format="json",
    )
    assert hidden.status_code == 404


def test_board_bulk_form_moves_the_checked_cards__POL_AP_003(browser_client_for):
    first = ApplicationFactory()
    second = ApplicationFactory(job=first.job)
    stuck = OfferApplicationFactory(job=first.job)
    browser = browser_client_for(first.job.owner)
    url = f"/applications/jobs/{first.job.pk}/board/move/"
    ok = browser.post(url, {"applications": [first.pk, second.pk], "stage": "interview"})
    assert ok.status_code == 302
    refused = browser.post(url, {"applications": [first.pk, stuck.pk], "stage": "screening"})
    assert refused.status_code == 400
    assert 'role="alert"' in refused.text
    first.refresh_from_db()
    assert first.stage == "interview"
    none = browser.post(url, {"stage": "screening"})
    assert none.status_code == 400


# --- the applicant list's sort keys


def test_board_and_api_sort_by_applied_date_and_rating(api_client_for, browser_client_for):
    old = ApplicationFactory()
    new = ApplicationFactory(job=old.job)
    mid = ApplicationFactory(job=old.job)
    owner = old.job.owner
    services.applicant_rate(application_id=mid.pk, rater=owner, score=5)
    services.applicant_rate(application_id=old.pk, rater=owner, score=2)
    client = api_client_for(owner)

    def order(sort):
        response = client.get(f"/api/v1/applications?job={old.job.pk}&sort={sort}")
        return [item["id"] for item in response.json()["results"]]

    assert order("applied") == [old.pk, new.pk, mid.pk]
    assert order("-applied") == [mid.pk, new.pk, old.pk]
    assert order("rating") == [mid.pk, old.pk, new.pk]  # unrated last
    board = browser_client_for(owner).get(f"/applications/jobs/{old.job.pk}/board/?sort=rating")
    text = board.text
    assert text.index(f'id="application-{mid.pk}"') < text.index(f'id="application-{old.pk}"')
    assert text.index(f'id="application-{old.pk}"') < text.index(f'id="application-{new.pk}"')


def test_rating_sort_is_only_for_those_who_read_ratings__POL_AP_007():
    from django.contrib.auth.models import Group, Permission

    application = ApplicationFactory()
    owner = application.job.owner
    Group.objects.get(name="recruiter").permissions.remove(
        Permission.objects.get(codename="view_applicantnote")
    )
    owner = type(owner).objects.get(pk=owner.pk)  # fresh permission cache
    assert "rating" not in selectors.applicant_sorts_for(owner)
    assert "-applied" in selectors.applicant_sorts_for(owner)
