"""Every write to jobs (POL-J-001 … POL-J-004, POL-J-008). The HTML views and the API both
call these. Every status change goes through Job.move_to (POL-J-008's transition table);
content rules come from jobs.rules; who may act from jobs.policies."""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobboard.errors import violated_constraint
from jobs.exceptions import JobInvalid, JobPermissionDenied, JobStateConflict
from jobs.models import Job, JobAction, JobOption, JobOptionKind, JobStatus
from jobs.policies import (
    can_close_job,
    can_copy_job,
    can_create_job,
    can_edit_job,
    can_post_for_any_company,
    can_publish_job,
    can_reopen_job,
)
from jobs.rules import (
    SALARY_MODE_MESSAGE,
    SALARY_RANGE_MESSAGE,
    content_errors,
    copy_deadline_errors,
)

EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "location",
    "employment_type",
    "remote",
    "salary_mode",
    "salary_min",
    "salary_max",
    "experience",
    "experience_min_years",
    "experience_max_years",
    "education",
    "deadline",
    "skills",
)
MAX_SKILLS = 10


def _validate(job: Job, *, deadline_changed: bool, skills=None) -> None:
    """The content rules (jobs.rules); the database checks them again (constraints). A new or
    changed deadline must not be in the past (POL-J-008); an unchanged one is left alone."""
    if not (job.title or "").strip():
        raise JobInvalid(_("A job needs a title."), field="title")
    problems = content_errors(
        salary_mode=job.salary_mode,
        salary_min=job.salary_min,
        salary_max=job.salary_max,
        experience=job.experience,
        experience_min_years=job.experience_min_years,
        experience_max_years=job.experience_max_years,
        description=job.description,
        deadline=job.deadline,
        deadline_changed=deadline_changed,
    )
    if skills is not None and len(skills) > MAX_SKILLS:
        problems["skills"] = _("Choose at most %(count)d skills.") % {"count": MAX_SKILLS}
    for field, message in problems.items():
        raise JobInvalid(message, field=field)


logger = logging.getLogger(__name__)

# What the client reads when the database refuses a job (field, message). The checks above
# come first; these catch what they did not foresee, without the database's own text.
CONSTRAINT_ERRORS = {
    "jobs_job_salary_range_valid": ("salary_max", SALARY_RANGE_MESSAGE),
    "jobs_job_salary_mode_valid": ("salary_mode", SALARY_MODE_MESSAGE),
    "jobs_job_experience_years_valid": (
        "experience_min_years",
        gettext_lazy("Give the minimum years of experience."),
    ),
    "jobs_job_description_length": (
        "description",
        gettext_lazy("The description is too long."),
    ),
    "jobs_job_status_valid": ("status", gettext_lazy("This status does not exist.")),
    "jobs_job_employment_type_valid": (
        "employment_type",
        gettext_lazy("This employment type does not exist."),
    ),
}


def _save(job: Job, skills=None) -> Job:
    try:
        with transaction.atomic():
            job.save()
            if skills is not None:
                job.skills.set(skills)
    except IntegrityError as exc:
        constraint = violated_constraint(exc)
        if constraint in CONSTRAINT_ERRORS:
            field, message = CONSTRAINT_ERRORS[constraint]
            raise JobInvalid(str(message), field=field) from exc
        logger.error("job refused by the database", extra={"constraint": constraint}, exc_info=exc)
        raise JobInvalid(_("The job could not be saved; check its values.")) from exc
    return job


def _require(policy, user, job: Job | None = None) -> None:
    """Refuse unless the jobs policy allows it (POL-J-001)."""
    if not policy(user, job):
        if job is None:
            raise JobPermissionDenied(_("You may not do this."))
        raise JobPermissionDenied(_("Only the job's owner or an admin may change it (POL-J-001)."))


@transaction.atomic
def job_create(*, user, company=None, publish: bool = False, **fields) -> Job:
    """A new job of the user's company, owned by the user (POL-J-001); a draft unless
    `publish`. Admins may name another `company`."""
    _require(can_create_job, user)
    if publish:
        _require(can_publish_job, user)
    if company is None or not can_post_for_any_company(user):
        company = user.company
    if company is None:
        raise JobInvalid(_("Your account belongs to no company yet."), field="company")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise JobInvalid(f"Unknown fields: {', '.join(sorted(unknown))}")
    skills = fields.pop("skills", None)
    job = Job(owner=user, company=company, status=JobStatus.DRAFT, **fields)
    _validate(job, deadline_changed=True, skills=skills)
    if publish:
        job.move_to(JobAction.PUBLISH)
    return _save(job, skills)


@transaction.atomic
def job_update(*, job: Job, user, publish: bool | None = None, **fields) -> Job:
    """Change a job's fields (owner or admin, POL-J-001) and, with `publish`, publish a draft
    in the same step. A closed job stays closed (POL-J-002): editing it is a conflict; it is
    reopened (job_reopen) or copied (job_copy) instead."""
    _require(can_edit_job, user, job)
    if publish:
        _require(can_publish_job, user, job)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status == JobStatus.CLOSED:
        raise JobStateConflict(_("A closed job cannot be edited; reopen or copy it."))
    skills = fields.pop("skills", None)
    previous_deadline = job.deadline
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise JobInvalid(f"Unknown field: {name}", field=name)
        setattr(job, name, value)
    _validate(job, deadline_changed=job.deadline != previous_deadline, skills=skills)
    if publish and job.status == JobStatus.DRAFT:
        job.move_to(JobAction.PUBLISH)
    return _save(job, skills)


def _move(job: Job, user, policy, action: str, **details) -> Job:
    _require(policy, user, job)
    job = Job.objects.select_for_update().get(pk=job.pk)
    job.move_to(action, **details)
    return _save(job)


@transaction.atomic
def job_publish(*, job: Job, user) -> Job:
    """Draft → published (POL-J-008), refused while the deadline is in the past. Publishing
    a published job changes nothing; a closed one is reopened instead."""
    if job.status == JobStatus.PUBLISHED:
        _require(can_publish_job, user, job)
        return job
    return _move(job, user, can_publish_job, JobAction.PUBLISH)


@transaction.atomic
def job_close(*, job: Job, user) -> Job:
    """The soft delete (POL-J-002): the job becomes closed, leaves every list and search and
    keeps its applications. Closing a closed job changes nothing."""
    if job.status == JobStatus.CLOSED:
        _require(can_close_job, user, job)
        return job
    return _move(job, user, can_close_job, JobAction.CLOSE)


@transaction.atomic
def job_reopen(*, job: Job, user, deadline) -> Job:
    """A closed job — or a published one past its deadline — is published again with a new
    deadline, today or later (POL-J-008). Its applications stay with it."""
    return _move(job, user, can_reopen_job, JobAction.REOPEN, deadline=deadline)


KEEP_DEADLINE = object()


@transaction.atomic
def job_copy(*, job: Job, user, deadline=KEEP_DEADLINE) -> Job:
    """A new draft with the job's content (POL-J-008), owned by the user, for the same
    company; options and applications stay behind. The copy keeps the deadline unless given
    one (`None` is 상시채용); when the original's has passed, the caller must give one."""
    _require(can_copy_job, user, job)
    if deadline is KEEP_DEADLINE:
        for field, message in copy_deadline_errors(original=job.deadline).items():
            raise JobInvalid(message, field=field)
        deadline = job.deadline
    copy = Job(
        owner=user,
        company_id=job.company_id,
        status=JobStatus.DRAFT,
        **{name: getattr(job, name) for name in EDITABLE_FIELDS if name != "skills"},
    )
    copy.deadline = deadline
    _validate(copy, deadline_changed=True)
    return _save(copy, list(job.skills.all()))


# Paid options (POL-J-005, POL-P-006). payments decides when an option starts and ends; these
# write it, and keep the job's premium flag with it in the same transaction (ADR 0084).


def job_premium_refresh(*, job_ids: Iterable[int]) -> None:
    """The one rule for Job.premium_until (POL-J-005): the latest end of the job's premium
    options, none if it has none. Ranking compares it with the time of the query, so a
    lapsed option needs no clearing and no scheduled job. Options start when written
    (POL-P-006), so the latest end is when the job stops being premium; a refund moves an
    end earlier and calls this again."""
    latest = (
        JobOption.objects.filter(job=OuterRef("pk"), kind=JobOptionKind.PREMIUM)
        .order_by()
        .values("job")
        .annotate(until=Max("ends_at"))
        .values("until")
    )
    Job.objects.filter(pk__in=list(job_ids)).update(premium_until=Subquery(latest))


@transaction.atomic
def job_option_start(*, job: Job, kind: str, starts_at: datetime, ends_at: datetime) -> JobOption:
    """A paid option live on the job from starts_at to ends_at (POL-P-006)."""
    option = JobOption.objects.create(job=job, kind=kind, starts_at=starts_at, ends_at=ends_at)
    if kind == JobOptionKind.PREMIUM:
        job_premium_refresh(job_ids=[job.pk])
        job.refresh_from_db(fields=["premium_until"])
    return option


@transaction.atomic
def job_option_end(*, option: JobOption, at: datetime) -> JobOption:
    """The option ends at `at` if it would run past it (a refund, POL-P-006): never before
    it started, never later than it would have."""
    option.ends_at = max(option.starts_at, min(option.ends_at, at))
    option.save(update_fields=["ends_at"])
    if option.kind == JobOptionKind.PREMIUM:
        job_premium_refresh(job_ids=[option.job_id])
    return option
