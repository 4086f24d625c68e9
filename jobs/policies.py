"""Who may do what with jobs (POL-J-001, POL-J-003, POL-J-008). See accounts.policies for the
shape: without `job` a function is the gate of a page or API operation; with `job` it
decides for that job. "Manages" a job = owns it, or holds jobs.manage_any_job (admins)."""

from accounts.policies import holds, is_self, is_signed_in
from jobs.models import JobStatus


def manages_any_job(user) -> bool:
    """Edit and close every company's jobs, post for any company (admins, by permission)."""
    return holds(user, "jobs.manage_any_job")


def _manages(user, job) -> bool:
    return job is None or is_self(user, job.owner_id) or manages_any_job(user)


def can_view_job(user, job=None) -> bool:
    """POL-J-003: drafts are seen by their owner and by admins only; published and closed jobs
    by everyone (closed ones say so, POL-J-002)."""
    if job is None or job.status != JobStatus.DRAFT:
        return True
    return is_signed_in(user) and _manages(user, job)


def can_create_job(user, obj=None) -> bool:
    """POL-J-001: recruiters and admins post jobs."""
    return holds(user, "jobs.add_job")


def can_post_for_any_company(user, obj=None) -> bool:
    """Admins choose the company a new job is for; recruiters always post for their own."""
    return can_create_job(user) and manages_any_job(user)


def can_list_own_jobs(user, obj=None) -> bool:
    """The "my jobs" page belongs to those who post jobs."""
    return can_create_job(user)


def can_edit_job(user, job=None) -> bool:
    """POL-J-001: a recruiter edits only jobs they own; admins edit any."""
    return holds(user, "jobs.change_job") and _manages(user, job)


def can_publish_job(user, job=None) -> bool:
    """Publishing is an edit of the job's status (POL-J-008)."""
    return can_edit_job(user, job)


def can_reopen_job(user, job=None) -> bool:
    """Reopening a closed job with a new deadline is an edit, too (POL-J-008)."""
    return can_edit_job(user, job)


def can_close_job(user, job=None) -> bool:
    """POL-J-001, POL-J-002: closing is the soft delete, owners and admins only."""
    return holds(user, "jobs.delete_job") and _manages(user, job)


def can_copy_job(user, job=None) -> bool:
    """POL-J-008: copying creates a job (add_job) from one the user manages."""
    return can_create_job(user) and _manages(user, job)
