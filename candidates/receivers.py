"""What candidates does when other apps announce something (jobs.events)."""

from candidates.services import recently_viewed_record


def record_job_view(sender, *, job, user, **kwargs) -> None:
    """A side effect of opening a job page: the jobseeker's recently viewed list."""
    recently_viewed_record(user=user, job=job)
