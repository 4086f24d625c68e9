"""Every write to jobs (POL-J-001 … POL-J-004). The HTML views and the API both call these."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobboard.errors import violated_constraint
from jobs.exceptions import JobInvalid, JobPermissionDenied, JobStateConflict
from jobs.models import Job, JobStatus
from jobs.policies import (
    can_close_job,
    can_create_job,
    can_edit_job,
    can_post_for_any_company,
    can_publish_job,
)

EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "location",
    "employment_type",
    "remote",
    "salary_min",
    "salary_max",
    "deadline",
)


def _validate(job: Job) -> None:
    """Rules across fields; the database checks them again (constraints)."""
    if (
        job.salary_min is not None
        and job.salary_max is not None
        and job.salary_min > job.salary_max
    ):
        raise JobInvalid(
            _("The minimum salary must not exceed the maximum (POL-J-004)."), field="salary_max"
        )
    if not (job.title or "").strip():
        raise JobInvalid(_("A job needs a title."), field="title")


logger = logging.getLogger(__name__)

# What the client reads when the database refuses a job (field, message). The checks above
# come first; these catch what they did not foresee, without the database's own text.
CONSTRAINT_ERRORS = {
    "jobs_job_salary_range_valid": (
        "salary_max",
        gettext_lazy("The minimum salary must not exceed the maximum (POL-J-004)."),
    ),
    "jobs_job_status_valid": ("status", gettext_lazy("This status does not exist.")),
    "jobs_job_employment_type_valid": (
        "employment_type",
        gettext_lazy("This employment type does not exist."),
    ),
}


def _save(job: Job) -> Job:
    try:
        with transaction.atomic():
            job.save()
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
    if company is None or not can_post_for_any_company(user):
        company = user.company
    if company is None:
        raise JobInvalid(_("Your account belongs to no company yet."), field="company")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise JobInvalid(f"Unknown fields: {', '.join(sorted(unknown))}")
    job = Job(owner=user, company=company, status=JobStatus.DRAFT, **fields)
    if publish:
        job.status, job.published_at = JobStatus.PUBLISHED, timezone.now()
    _validate(job)
    return _save(job)


@transaction.atomic
def job_update(*, job: Job, user, publish: bool | None = None, **fields) -> Job:
    """Change a job's fields (owner or admin, POL-J-001). A closed job stays closed
    (POL-J-002): editing it is a conflict."""
    _require(can_edit_job, user, job)
    if publish:
        _require(can_publish_job, user, job)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status == JobStatus.CLOSED:
        raise JobStateConflict(_("A closed job cannot be edited."))
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise JobInvalid(f"Unknown field: {name}", field=name)
        setattr(job, name, value)
    if publish and job.status == JobStatus.DRAFT:
        job.status, job.published_at = JobStatus.PUBLISHED, timezone.now()
    _validate(job)
    return _save(job)


@transaction.atomic
def job_publish(*, job: Job, user) -> Job:
    """Draft → published (idempotent for published jobs); closed jobs stay closed."""
    _require(can_publish_job, user, job)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status == JobStatus.CLOSED:
        raise JobStateConflict(_("A closed job cannot be published again."))
    if job.status == JobStatus.DRAFT:
        job.status, job.published_at = JobStatus.PUBLISHED, timezone.now()
        _validate(job)
        _save(job)
    return job


@transaction.atomic
def job_close(*, job: Job, user) -> Job:
    """The soft delete (POL-J-002): the job becomes closed, leaves every list and search and
    keeps its applications. Closing a closed job changes nothing."""
    _require(can_close_job, user, job)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.CLOSED:
        job.status, job.closed_at = JobStatus.CLOSED, timezone.now()
        _save(job)
    return job
