"""What candidates does when other apps announce something (jobs.events)."""

from candidates.selectors import recently_viewed_from
from candidates.services import recently_viewed_record


def record_job_view(sender, *, job, user, **kwargs) -> None:
    """A side effect of opening a job page: the jobseeker's recently viewed list (its rows
    come with the job when the page read them, candidates.apps)."""
    read = hasattr(job, "recently_viewed_rows")
    recent = recently_viewed_from(job.recently_viewed_rows) if read else None
    recently_viewed_record(user=user, job=job, recent=recent)
