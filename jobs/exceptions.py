from jobboard.errors import Conflict, DomainError, NotFound, PermissionDenied


class JobNotFound(NotFound):
    title = "Job not found"
    type_slug = "job-not-found"


class JobPermissionDenied(PermissionDenied):
    """POL-J-001: only the owner (or an admin with jobs.manage_any_job) may change a job."""

    title = "Not your job"
    type_slug = "job-forbidden"


class JobInvalid(DomainError):
    title = "Invalid job"
    type_slug = "job-invalid"


class JobStateConflict(Conflict):
    title = "Job state does not allow this"
    type_slug = "job-state-conflict"
