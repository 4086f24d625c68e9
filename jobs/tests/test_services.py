"""Writes (POL-J-001, POL-J-002, POL-J-004) on a real database."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from jobs.exceptions import JobInvalid, JobPermissionDenied, JobStateConflict
from jobs.models import Job, JobOption, JobOptionKind, JobStatus
from jobs.selectors import job_list_public
from jobs.services import (
    job_close,
    job_create,
    job_option_end,
    job_option_start,
    job_premium_refresh,
    job_publish,
    job_update,
)
from jobs.tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    PremiumOptionFactory,
    PublishedJobFactory,
    job_fields,
)

pytestmark = pytest.mark.django_db


def test_recruiter_creates_a_draft_for_their_company__POL_J_001():
    recruiter = RecruiterFactory()
    job = job_create(user=recruiter, **job_fields())
    assert (job.status, job.owner, job.company) == (JobStatus.DRAFT, recruiter, recruiter.company)
    assert job.company_name == recruiter.company.name


def test_create_and_publish_at_once():
    job = job_create(user=RecruiterFactory(), publish=True, **job_fields())
    assert job.status == JobStatus.PUBLISHED
    assert job.published_at


def test_jobseeker_cannot_create__POL_J_001():
    with pytest.raises(JobPermissionDenied):
        job_create(user=JobseekerFactory(), **job_fields())


def test_admin_creates_for_any_company__POL_J_001():
    company = RecruiterFactory().company
    job = job_create(user=AdminFactory(), company=company, **job_fields())
    assert job.company == company


def test_recruiter_cannot_pick_another_company__POL_J_001():
    recruiter, other = RecruiterFactory(), RecruiterFactory()
    job = job_create(user=recruiter, company=other.company, **job_fields())
    assert job.company == recruiter.company


def test_admin_without_company_must_name_one():
    with pytest.raises(JobInvalid) as exc:
        job_create(user=AdminFactory(), **job_fields())
    assert exc.value.field == "company"


def test_salary_min_above_max_is_refused__POL_J_004():
    with pytest.raises(JobInvalid) as exc:
        job_create(user=RecruiterFactory(), **job_fields(salary_min=9, salary_max=1))
    assert exc.value.field == "salary_max"


def test_owner_edits_others_cannot__POL_J_001():
    job = PublishedJobFactory()
    assert job_update(job=job, user=job.owner, title="새 제목").title == "새 제목"
    with pytest.raises(JobPermissionDenied):
        job_update(job=job, user=RecruiterFactory(), title="남의 공고")
    assert job_update(job=job, user=AdminFactory(), remote=True).remote is True


def test_update_checks_salary_range_against_stored_values__POL_J_004():
    job = PublishedJobFactory(salary_min=50, salary_max=70)
    with pytest.raises(JobInvalid):
        job_update(job=job, user=job.owner, salary_min=100)


def test_closed_job_cannot_be_edited_or_republished__POL_J_002():
    job = ClosedJobFactory()
    with pytest.raises(JobStateConflict):
        job_update(job=job, user=job.owner, title="x")
    with pytest.raises(JobStateConflict):
        job_publish(job=job, user=job.owner)


def test_publish_draft():
    job = job_publish(job=DraftJobFactory(), user=AdminFactory())
    assert job.status == JobStatus.PUBLISHED
    assert job.published_at


def test_close_is_a_soft_delete_that_leaves_lists__POL_J_002():
    job = PublishedJobFactory()
    assert job_list_public().count() == 1
    closed = job_close(job=job, user=job.owner)
    assert closed.status == JobStatus.CLOSED
    assert closed.closed_at
    assert job_list_public().count() == 0
    assert job_close(job=closed, user=job.owner).closed_at == closed.closed_at


def test_other_recruiter_cannot_close__POL_J_001():
    with pytest.raises(JobPermissionDenied):
        job_close(job=PublishedJobFactory(), user=RecruiterFactory())


def test_unknown_field_is_refused():
    with pytest.raises(JobInvalid):
        job_update(job=PublishedJobFactory(), user=AdminFactory(), status="closed")


def test_database_refusal_is_a_translated_message_without_the_databases_text(monkeypatch):
    """If the checks in Python miss a rule, the database constraint still refuses the job;
    the client reads our message for that constraint, never the database's own text
    (which on PostgreSQL can quote the failing row). POL-J-004."""
    monkeypatch.setattr("jobs.services._validate", lambda job, **_: None)
    with pytest.raises(JobInvalid) as exc:
        job_create(user=RecruiterFactory(), **job_fields(salary_min=9, salary_max=1))
    assert exc.value.field == "salary_max"
    assert exc.value.detail == "최대 연봉은 최소 연봉 이상이어야 합니다."


def test_unknown_constraint_is_logged_and_answered_generically(monkeypatch, caplog):
    monkeypatch.setattr("jobs.services._validate", lambda job, **_: None)
    monkeypatch.setattr("jobs.services.CONSTRAINT_ERRORS", {})
    with pytest.raises(JobInvalid) as exc:
        job_create(user=RecruiterFactory(), **job_fields(salary_min=9, salary_max=1))
    assert exc.value.field is None
    assert "jobs_job" not in exc.value.detail
    assert "constraint" not in exc.value.detail.lower()
    (record,) = [r for r in caplog.records if r.name == "jobs.services"]
    assert record.constraint == "jobs_job_salary_range_valid"


# --- paid options and the premium flag (POL-J-005, POL-P-006, ADR 0084) ---------------------


def _premium_ids():
    return [job.pk for job in job_list_public()[:50] if job.is_premium]


def test_option_start_makes_the_job_premium_until_the_option_ends__POL_J_005():
    job = PublishedJobFactory()
    now = timezone.now()
    option = job_option_start(
        job=job, kind=JobOptionKind.PREMIUM, starts_at=now, ends_at=now + timedelta(days=7)
    )
    job.refresh_from_db()
    assert job.premium_until == option.ends_at
    assert _premium_ids() == [job.pk]


def test_banner_option_leaves_the_ranking_alone__POL_J_005():
    job = PublishedJobFactory()
    now = timezone.now()
    job_option_start(
        job=job, kind=JobOptionKind.BANNER, starts_at=now, ends_at=now + timedelta(days=7)
    )
    job.refresh_from_db()
    assert job.premium_until is None
    assert _premium_ids() == []


def test_ending_an_option_ends_premium_but_a_longer_one_keeps_it__POL_P_006():
    job = PublishedJobFactory()
    now = timezone.now()
    short = PremiumOptionFactory(job=job, starts_at=now, ends_at=now + timedelta(days=7))
    long = PremiumOptionFactory(job=job, starts_at=now, ends_at=now + timedelta(days=30))
    job_option_end(option=long, at=now)
    job.refresh_from_db()
    assert job.premium_until == short.ends_at
    assert _premium_ids() == [job.pk]
    job_option_end(option=short, at=now)
    job.refresh_from_db()
    assert job.premium_until == now
    assert _premium_ids() == []


def test_a_lapsed_option_stops_ranking_without_any_write__POL_J_005():
    job = PublishedJobFactory()
    now = timezone.now()
    PremiumOptionFactory(job=job, starts_at=now - timedelta(days=7), ends_at=now)
    # Nothing cleared the flag when the option ended; the comparison with the time does it.
    job.refresh_from_db()
    assert job.premium_until == now
    assert _premium_ids() == []


def test_saving_a_job_read_before_activation_keeps_its_premium__POL_J_005():
    job = PublishedJobFactory()
    stale = Job.objects.get(pk=job.pk)  # e.g. an edit form's job, read before the payment
    PremiumOptionFactory(job=job)
    job_update(job=stale, user=stale.owner, title="새 제목")
    stale.refresh_from_db()
    assert stale.title == "새 제목"
    assert stale.premium_until is not None
    assert _premium_ids() == [job.pk]


def test_refresh_fills_premium_from_options_written_in_bulk__POL_J_005():
    job, other = PublishedJobFactory(), PublishedJobFactory()
    now = timezone.now()
    JobOption.objects.bulk_create(
        [JobOption(job=job, kind="premium", starts_at=now, ends_at=now + timedelta(days=3))]
    )
    job_premium_refresh(job_ids=[job.pk, other.pk])
    assert dict(Job.objects.values_list("pk", "premium_until")) == {
        job.pk: now + timedelta(days=3),
        other.pk: None,
    }
