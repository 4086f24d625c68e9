from django import template

from candidates import selectors
from candidates.policies import can_edit_profile, can_manage_resumes, can_save_jobs

register = template.Library()


@register.simple_tag
def default_resume(user, job=None):
    """The jobseeker's default stored résumé (one-click apply, POL-AP-006), or None: read
    with `job` on its page (candidates.apps), else one query."""
    if not can_manage_resumes(user):
        return None
    if hasattr(job, "default_resume_rows"):
        return selectors.default_resume_from(job.default_resume_rows)
    return selectors.stored_resume_list(user=user).filter(is_default=True).first()


@register.simple_tag(takes_context=True)
def recently_viewed(context, user):
    """The signed-in jobseeker's recently viewed open jobs (POL-AP-006), else []: as the
    page read them with its other rows (the home page), else one query."""
    if not can_edit_profile(user):
        return []
    if "recently_viewed_jobs" in context:
        return context["recently_viewed_jobs"]
    return selectors.recently_viewed_jobs(user=user)


@register.simple_tag
def saved_state(job, user):
    """True/False: whether the jobseeker saved `job` (POL-S-002); None for anyone who cannot
    save jobs (no button). One query per request, whatever the number of cards."""
    if not can_save_jobs(user):
        return None
    return job.pk in selectors.saved_job_ids(user=user)


@register.simple_tag
def saved_count(user) -> int:
    return len(selectors.saved_job_ids(user=user)) if can_save_jobs(user) else 0
