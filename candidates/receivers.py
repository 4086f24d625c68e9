"""What candidates does when other apps announce something (jobs.events)."""

from candidates.services import recently_viewed_record


def record_job_view(sender, *, job, user, **kwargs) -> None:
    """A side effect of opening a job page: the jobseeker's recently viewed list (the ids in
    it come with the job when the page read them, candidates.apps)."""
    listed = (job.recently_viewed_ids or ()) if hasattr(job, "recently_viewed_ids") else None
    recently_viewed_record(user=user, job=job, listed=listed)
