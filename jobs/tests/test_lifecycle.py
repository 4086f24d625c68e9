"""POL-J-008 end to end: services, API and pages for publish, close, reopen and copy, and the
content rules each say once (POL-J-004 salary, deadlines, description length)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.tests.factories import AdminFactory, RecruiterFactory
from jobboard.limits import LONG_TEXT_MAX_CHARS
from jobs.api.serializers import JobWriteSerializer
from jobs.display import MANWON
from jobs.exceptions import JobInvalid, JobPermissionDenied, JobStateConflict
from jobs.forms import JobForm
from jobs.models import Job, JobStatus
from jobs.services import job_copy, job_create, job_publish, job_reopen, job_update
from jobs.tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    ExpiredJobFactory,
    PremiumOptionFactory,
    PublishedJobFactory,
    job_fields,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
YESTERDAY = lambda: TODAY() - timedelta(days=1)  # noqa: E731
NEXT_MONTH = lambda: TODAY() + timedelta(days=30)  # noqa: E731


def _api_data(**overrides):
    """The job as the API takes it: salaries in won, category and location by code."""
    data = {**job_fields(**overrides), "category": "software", "location": "seoul"}
    return {k: v for k, v in data.items() if v is not None}


def _form_data(**overrides):
    """The job form as a recruiter submits it: salaries typed in 만원 (POL-J-006), the
    deadline a date or 상시채용."""
    data = {**job_fields(**overrides)}
    data["category"], data["location"] = data["category"].pk, data["location"].pk
    for name in ("salary_min", "salary_max"):
        if data[name] is not None:
            data[name] //= MANWON
    data["deadline_type"] = "date" if data.get("deadline") else "rolling"
    data = {"salary_mode": "range", "experience": "any", "education": "any", **data}
    return {k: "" if v is None else v for k, v in data.items()}


# --- services ---------------------------------------------------------------------------


def test_reopen_publishes_the_closed_job_itself__POL_J_008():
    job = ClosedJobFactory(deadline=YESTERDAY())
    reopened = job_reopen(job=job, user=job.owner, deadline=NEXT_MONTH())
    assert (reopened.status, reopened.deadline) == (JobStatus.PUBLISHED, NEXT_MONTH())
    assert reopened.is_open()
    assert reopened.closed_at is None
    assert reopened.pk == job.pk  # the same job, so its applications stay with it
    assert Job.objects.get(pk=job.pk).status == JobStatus.PUBLISHED


def test_reopen_an_expired_job_and_refuse_an_open_one__POL_J_008():
    expired = ExpiredJobFactory()
    assert job_reopen(job=expired, user=expired.owner, deadline=TODAY()).is_open()
    with pytest.raises(JobStateConflict):
        job_reopen(job=expired, user=expired.owner, deadline=NEXT_MONTH())


def test_reopen_with_a_past_deadline_changes_nothing__POL_J_008():
    job = ClosedJobFactory()
    with pytest.raises(JobInvalid) as exc:
        job_reopen(job=job, user=job.owner, deadline=YESTERDAY())
    assert exc.value.field == "deadline"
    assert Job.objects.get(pk=job.pk).status == JobStatus.CLOSED


def test_only_owner_or_admin_reopens__POL_J_001():
    job = ClosedJobFactory()
    with pytest.raises(JobPermissionDenied):
        job_reopen(job=job, user=RecruiterFactory(), deadline=NEXT_MONTH())
    assert job_reopen(job=job, user=AdminFactory(), deadline=NEXT_MONTH()).is_open()


def test_publishing_a_draft_with_a_past_deadline_is_refused__POL_J_008():
    job = DraftJobFactory(deadline=YESTERDAY())
    with pytest.raises(JobInvalid) as exc:
        job_publish(job=job, user=job.owner)
    assert exc.value.field == "deadline"
    with pytest.raises(JobInvalid):
        job_update(job=job, user=job.owner, publish=True, title="그대로")
    assert Job.objects.get(pk=job.pk).status == JobStatus.DRAFT


def test_a_new_or_changed_deadline_in_the_past_is_refused_on_any_save__POL_J_008():
    recruiter = RecruiterFactory()
    with pytest.raises(JobInvalid) as exc:
        job_create(user=recruiter, **job_fields(deadline=YESTERDAY()))
    assert exc.value.field == "deadline"
    draft = job_create(user=recruiter, **job_fields(deadline=NEXT_MONTH()))
    with pytest.raises(JobInvalid):
        job_update(job=draft, user=recruiter, deadline=TODAY() - timedelta(days=2000))


def test_an_unchanged_past_deadline_does_not_block_other_edits__POL_J_008():
    job = ExpiredJobFactory()
    assert job_update(job=job, user=job.owner, title="새 제목").title == "새 제목"


def test_copy_is_a_new_draft_of_the_users_without_options__POL_J_008():
    original = ClosedJobFactory(deadline=NEXT_MONTH(), title="원본 공고")
    PremiumOptionFactory(job=original)
    admin = AdminFactory()
    copy = job_copy(job=original, user=admin)
    assert copy.pk != original.pk
    assert (copy.status, copy.title, copy.deadline) == (JobStatus.DRAFT, "원본 공고", NEXT_MONTH())
    assert (copy.owner, copy.company_id) == (admin, original.company_id)
    assert (copy.salary_min, copy.description) == (original.salary_min, original.description)
    assert not copy.options.exists()


def test_copying_a_job_past_its_deadline_asks_for_the_copys_deadline__POL_J_008():
    """It used to become 상시채용 silently; now the recruiter chooses a date or 상시채용."""
    original = ClosedJobFactory(deadline=YESTERDAY())
    with pytest.raises(JobInvalid) as refused:
        job_copy(job=original, user=original.owner)
    assert refused.value.field == "deadline"
    assert Job.objects.count() == 1
    with pytest.raises(JobInvalid):
        job_copy(job=original, user=original.owner, deadline=YESTERDAY())
    dated = job_copy(job=original, user=original.owner, deadline=NEXT_MONTH())
    assert dated.deadline == NEXT_MONTH()
    rolling = job_copy(job=original, user=original.owner, deadline=None)
    assert (rolling.deadline, rolling.status) == (None, JobStatus.DRAFT)


def test_copy_by_a_stranger_is_refused__POL_J_001():
    with pytest.raises(JobPermissionDenied):
        job_copy(job=PublishedJobFactory(), user=RecruiterFactory())


# --- one rule, one message: form, serializer and service ----------------------------------


def _salary_messages(low, high):
    form = JobForm(data=_form_data(salary_min=low, salary_max=high))
    form.is_valid()
    serializer = JobWriteSerializer(data=_api_data(salary_min=low, salary_max=high))
    serializer.is_valid()
    with pytest.raises(JobInvalid) as exc:
        job_create(user=RecruiterFactory(), **job_fields(salary_min=low, salary_max=high))
    return form.errors["salary_max"], serializer.errors["salary_max"], [exc.value.detail]


def test_salary_rule_has_one_translated_message_everywhere__POL_J_004():
    form, api, service = _salary_messages(60_000_000, 40_000_000)
    assert form == api == service == ["최대 연봉은 최소 연봉 이상이어야 합니다."]


def test_description_limit_is_a_field_error_everywhere():
    long = "가" * (LONG_TEXT_MAX_CHARS + 1)
    form = JobForm(data=_form_data(description=long))
    assert not form.is_valid()
    assert "description" in form.errors
    serializer = JobWriteSerializer(data=_api_data(description=long))
    assert not serializer.is_valid()
    assert "description" in serializer.errors
    with pytest.raises(JobInvalid) as exc:
        job_create(user=RecruiterFactory(), **job_fields(description=long))
    assert exc.value.field == "description"
    ok = job_create(user=RecruiterFactory(), **job_fields(description="가" * LONG_TEXT_MAX_CHARS))
    assert len(ok.description) == LONG_TEXT_MAX_CHARS


def test_the_database_refuses_an_overlong_description_as_the_last_guard():
    job = PublishedJobFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(description="x" * (LONG_TEXT_MAX_CHARS + 1))


# --- API ----------------------------------------------------------------------------------


def test_reopen_api__POL_J_008(api_client_for):
    job = ClosedJobFactory()
    client = api_client_for(job.owner)
    url = f"/api/v1/jobs/{job.pk}/reopen"
    missing = client.post(url, {}, format="json")
    assert missing.status_code == 400
    assert "deadline" in missing.json()["errors"]
    past = client.post(url, {"deadline": YESTERDAY().isoformat()}, format="json")
    assert past.status_code == 400
    assert "deadline" in past.json()["errors"]
    done = client.post(url, {"deadline": NEXT_MONTH().isoformat()}, format="json")
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["is_open"]) == ("published", True)
    again = client.post(url, {"deadline": NEXT_MONTH().isoformat()}, format="json")
    assert again.status_code == 409


def test_copy_api__POL_J_008(api_client_for):
    job = ClosedJobFactory(deadline=None)
    response = api_client_for(job.owner).post(f"/api/v1/jobs/{job.pk}/copy")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["id"] != job.pk
    assert response["Location"] == f"/api/v1/jobs/{body['id']}"


def test_copy_api_of_a_job_past_its_deadline_needs_one__POL_J_008(api_client_for):
    job = ClosedJobFactory(deadline=YESTERDAY())
    client = api_client_for(job.owner)
    url = f"/api/v1/jobs/{job.pk}/copy"
    refused = client.post(url, {}, format="json")
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert "deadline" in refused.json()["errors"]
    past = client.post(url, {"deadline": YESTERDAY().isoformat()}, format="json")
    assert "deadline" in past.json()["errors"]
    assert Job.objects.count() == 1
    dated = client.post(url, {"deadline": NEXT_MONTH().isoformat()}, format="json")
    assert (dated.status_code, dated.json()["deadline"]) == (201, NEXT_MONTH().isoformat())
    rolling = client.post(url, {"deadline": None}, format="json")
    assert (rolling.status_code, rolling.json()["deadline_type"]) == (201, "rolling")


def test_publishing_through_the_api_with_a_past_deadline_is_a_field_error__POL_J_008(
    api_client_for,
):
    job = DraftJobFactory(deadline=YESTERDAY())
    response = api_client_for(job.owner).patch(
        f"/api/v1/jobs/{job.pk}", {"publish": True}, format="json"
    )
    assert response.status_code == 400
    assert "deadline" in response.json()["errors"]


# --- pages --------------------------------------------------------------------------------


def test_confirmation_pages_ask_before_acting__POL_J_008(browser_client_for):
    job = PublishedJobFactory()
    browser = browser_client_for(job.owner)
    page = browser.get(f"/jobs/{job.pk}/close/?next=/jobs/mine/").content.decode()
    assert "공고를 마감할까요?" in page
    assert 'name="confirm"' in page
    assert "data-confirm-panel" in page
    assert browser.post(f"/jobs/{job.pk}/close/").status_code == 200
    assert Job.objects.get(pk=job.pk).status == JobStatus.PUBLISHED


def test_reopen_page_asks_for_a_deadline__POL_J_008(browser_client_for):
    job = ClosedJobFactory()
    browser = browser_client_for(job.owner)
    page = browser.get(f"/jobs/{job.pk}/reopen/").content.decode()
    assert 'type="date"' in page
    assert f'min="{TODAY().isoformat()}"' in page
    past = browser.post(
        f"/jobs/{job.pk}/reopen/", {"deadline": YESTERDAY().isoformat(), "confirm": "yes"}
    )
    assert past.status_code == 400
    assert "마감일이 이미 지났습니다" in past.content.decode()
    done = browser.post(
        f"/jobs/{job.pk}/reopen/",
        {"deadline": NEXT_MONTH().isoformat(), "confirm": "yes", "next": f"/jobs/{job.pk}/"},
    )
    assert done["Location"] == f"/jobs/{job.pk}/"
    assert Job.objects.get(pk=job.pk).is_open()


def test_publish_page_of_a_draft_past_its_deadline_points_to_the_edit_form__POL_J_008(
    browser_client_for,
):
    job = DraftJobFactory(deadline=YESTERDAY())
    page = browser_client_for(job.owner).get(f"/jobs/{job.pk}/publish/").content.decode()
    assert "마감일이 이미 지났습니다" in page
    assert f"/jobs/{job.pk}/edit/" in page
    assert 'name="confirm"' not in page


def test_save_and_publish_with_a_past_deadline_is_a_field_error__POL_J_008(browser_client_for):
    job = DraftJobFactory(deadline=YESTERDAY())
    browser = browser_client_for(job.owner)
    response = browser.post(
        f"/jobs/{job.pk}/edit/", {**_form_data(deadline=YESTERDAY()), "publish": "confirmed"}
    )
    assert response.status_code == 200
    assert "deadline" in response.context["form"].errors
    assert Job.objects.get(pk=job.pk).status == JobStatus.DRAFT


def test_copy_button_opens_the_new_draft_for_editing__POL_J_008(browser_client_for):
    job = ClosedJobFactory(deadline=NEXT_MONTH())
    browser = browser_client_for(job.owner)
    response = browser.post(f"/jobs/{job.pk}/copy/")
    copy = Job.objects.exclude(pk=job.pk).get(owner=job.owner)
    assert response["Location"] == f"/jobs/{copy.pk}/edit/"
    assert (copy.status, copy.deadline) == (JobStatus.DRAFT, NEXT_MONTH())


def test_copy_button_of_a_job_past_its_deadline_asks_for_one__POL_J_008(browser_client_for):
    job = ClosedJobFactory(deadline=YESTERDAY())
    browser = browser_client_for(job.owner)
    url = f"/jobs/{job.pk}/copy/"
    question = browser.post(url)
    assert question.status_code == 200
    assert set(question.context["form"].fields) == {"deadline_type", "deadline"}
    assert not question.context["form"].is_bound
    assert Job.objects.count() == 1
    no_date = browser.post(url, {"confirm": "yes", "deadline_type": "date"})
    assert no_date.status_code == 400
    assert "deadline" in no_date.context["form"].errors
    past = browser.post(
        url, {"confirm": "yes", "deadline_type": "date", "deadline": YESTERDAY().isoformat()}
    )
    assert "deadline" in past.context["form"].errors
    assert Job.objects.count() == 1
    chosen = browser.post(
        url, {"confirm": "yes", "deadline_type": "date", "deadline": NEXT_MONTH().isoformat()}
    )
    copy = Job.objects.exclude(pk=job.pk).get()
    assert chosen["Location"] == f"/jobs/{copy.pk}/edit/"
    assert copy.deadline == NEXT_MONTH()
    browser.post(url, {"confirm": "yes", "deadline_type": "rolling"})
    assert Job.objects.filter(deadline=None, status=JobStatus.DRAFT).count() == 1


def test_my_jobs_offers_each_state_its_actions__POL_J_008(browser_client_for):
    recruiter = RecruiterFactory()
    draft = DraftJobFactory(owner=recruiter)
    closed = ClosedJobFactory(owner=recruiter)
    page = browser_client_for(recruiter).get("/jobs/mine/").content.decode()
    assert f"/jobs/{draft.pk}/publish/?next=" in page
    assert f"/jobs/{closed.pk}/reopen/?next=" in page
    assert f"/jobs/{closed.pk}/copy/" in page
    assert f"/jobs/{closed.pk}/close/" not in page
    assert "/static/js/confirm.js" in page
