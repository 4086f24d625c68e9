from urllib.parse import urlencode

from django import template

from applications import selectors
from applications.links import login_url

register = template.Library()


@register.simple_tag
def my_application(job, user):
    """The signed-in jobseeker's application to `job`, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return selectors.application_for_job_and_user(job=job, user=user)


@register.simple_tag
def unread_notifications(user) -> int:
    """The count read with the signed-in user's row (applications.apps), else one COUNT."""
    if not user.is_authenticated:
        return 0
    read: int | None = getattr(user, "unread_notifications", None)
    return selectors.notification_unread_count(user=user) if read is None else read


@register.simple_tag
def sign_in_url(next_path: str) -> str:
    return f"{login_url()}?{urlencode({'next': next_path})}"


@register.simple_tag
def timeline(application):
    """Stage moves and messages to the applicant, in time order (never private notes)."""
    return selectors.application_timeline(application)
