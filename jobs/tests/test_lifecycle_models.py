"""POL-J-008's transition table and POL-J-003's "open", as pure rules on the model."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from jobs.exceptions import JobInvalid, JobStateConflict
from jobs.models import JOB_TRANSITIONS, Job, JobAction, JobStatus

NOW = timezone.make_aware(datetime(2026, 11, 20, 10, 0))
TODAY = timezone.localdate(NOW)


def _job(status, deadline=None):
    return Job(status=status, deadline=deadline)


def test_table_is_draft_published_closed_with_reopen__POL_J_008():
    assert JOB_TRANSITIONS == {
        (JobStatus.DRAFT, JobAction.PUBLISH): JobStatus.PUBLISHED,
        (JobStatus.DRAFT, JobAction.CLOSE): JobStatus.CLOSED,
        (JobStatus.PUBLISHED, JobAction.CLOSE): JobStatus.CLOSED,
        (JobStatus.CLOSED, JobAction.REOPEN): JobStatus.PUBLISHED,
        (JobStatus.PUBLISHED, JobAction.REOPEN): JobStatus.PUBLISHED,
    }


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (JobStatus.CLOSED, JobAction.PUBLISH),
        (JobStatus.PUBLISHED, JobAction.PUBLISH),
        (JobStatus.CLOSED, JobAction.CLOSE),
        (JobStatus.DRAFT, JobAction.REOPEN),
    ],
)
def test_moves_outside_the_table_are_conflicts__POL_J_008(status, action):
    job = _job(status, TODAY + timedelta(days=3))
    with pytest.raises(JobStateConflict):
        job.move_to(action, deadline=TODAY + timedelta(days=9), now=NOW)
    assert job.status == status


def test_publish_sets_status_and_time__POL_J_008():
    job = _job(JobStatus.DRAFT, TODAY)
    assert job.move_to(JobAction.PUBLISH, now=NOW) == JobStatus.DRAFT
    assert (job.status, job.published_at) == (JobStatus.PUBLISHED, NOW)


def test_publishing_with_a_past_deadline_is_a_deadline_error__POL_J_008():
    job = _job(JobStatus.DRAFT, TODAY - timedelta(days=1))
    with pytest.raises(JobInvalid) as exc:
        job.move_to(JobAction.PUBLISH, now=NOW)
    assert exc.value.field == "deadline"
    assert job.status == JobStatus.DRAFT


def test_close_sets_closed_at__POL_J_002():
    job = _job(JobStatus.PUBLISHED)
    job.move_to(JobAction.CLOSE, now=NOW)
    assert (job.status, job.closed_at) == (JobStatus.CLOSED, NOW)


def test_reopen_needs_a_deadline_today_or_later__POL_J_008():
    job = _job(JobStatus.CLOSED, TODAY - timedelta(days=10))
    job.closed_at = NOW
    for bad in (None, TODAY - timedelta(days=1)):
        with pytest.raises(JobInvalid) as exc:
            job.move_to(JobAction.REOPEN, deadline=bad, now=NOW)
        assert exc.value.field == "deadline"
    job.move_to(JobAction.REOPEN, deadline=TODAY, now=NOW)
    assert (job.status, job.deadline, job.closed_at) == (JobStatus.PUBLISHED, TODAY, None)
    assert job.published_at == NOW


def test_a_published_job_reopens_only_once_its_deadline_passed__POL_J_003_POL_J_008():
    open_job = _job(JobStatus.PUBLISHED, TODAY)
    assert not open_job.allows(JobAction.REOPEN, TODAY)
    expired = _job(JobStatus.PUBLISHED, TODAY - timedelta(days=1))
    assert expired.allows(JobAction.REOPEN, TODAY)
    expired.move_to(JobAction.REOPEN, deadline=TODAY + timedelta(days=7), now=NOW)
    assert expired.is_open(TODAY)


@pytest.mark.django_db
def test_open_filter_is_is_open_for_every_status_and_deadline__POL_J_003():
    from jobs.tests.factories import JobFactory

    today = timezone.localdate()
    jobs = [
        JobFactory(status=status, deadline=deadline)
        for status in JobStatus.values
        for deadline in (None, today - timedelta(days=1), today, today + timedelta(days=1))
    ]
    in_sql = set(Job.objects.filter(Job.open_filter()).values_list("pk", flat=True))
    assert in_sql == {job.pk for job in jobs if job.is_open()}
    assert len(in_sql) == 3


def test_deadline_day_still_counts_as_open__POL_J_003():
    assert _job(JobStatus.PUBLISHED, date(2026, 11, 20)).is_open(date(2026, 11, 20))
    assert not _job(JobStatus.PUBLISHED, date(2026, 11, 19)).is_open(date(2026, 11, 20))
