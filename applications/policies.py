"""Who may do what with applications (POL-AP-001 … POL-AP-003, POL-AP-007, POL-AP-008). See
accounts.policies for the shape. The job's side — its owner, or anyone holding
applications.manage_any_application (admins) — sees and moves applicants when its role holds
the permission; the applicant always sees and may withdraw their own application. Private
notes and ratings reach a little wider (the company's other recruiters) and never the
applicant; contact details stay with the owner and admins.

`application_scope` is `can_view_application` as a queryset filter, for lists; a test
checks that the two agree on every kind of user and application."""

from django.db.models import Q

from accounts.policies import holds, is_self, is_signed_in


def manages_any_application(user) -> bool:
    """See and move applicants of every company's jobs (admins, by permission)."""
    return holds(user, "applications.manage_any_application")


def _employs(user, job) -> bool:
    return job is None or is_self(user, job.owner_id) or manages_any_application(user)


def can_apply(user, job=None) -> bool:
    """POL-AP-001: only jobseekers apply (whether the job still takes applications is a rule
    of the job, POL-J-003, checked by the service)."""
    return holds(user, "applications.add_application")


def can_view_applicants(user, job=None) -> bool:
    """The applicant board of a job, and any application to it (POL-AP-003, POL-AP-008)."""
    return holds(user, "applications.view_application") and _employs(user, job)


def can_view_application(user, application=None) -> bool:
    """The applicant, or the job's side (POL-AP-002: résumé included)."""
    if application is None:
        return is_signed_in(user)
    return is_self(user, application.applicant_id) or can_view_applicants(user, application.job)


def can_download_resume(user, application=None) -> bool:
    """POL-AP-002: served only to the applicant, the job's owner and admins."""
    return can_view_application(user, application)


def can_move_application(user, application=None) -> bool:
    """POL-AP-003: only the job's owner or an admin moves stages (the applicant withdraws
    through can_withdraw_application)."""
    job = application.job if application is not None else None
    return holds(user, "applications.change_application") and can_view_applicants(user, job)


def can_withdraw_application(user, application=None) -> bool:
    """POL-AP-003: the applicant, and nobody else, withdraws an application."""
    return is_signed_in(user) and (application is None or is_self(user, application.applicant_id))


def _hiring_side(user, application) -> bool:
    """POL-AP-007's circle: the job's owner and its company's other recruiters, and admins —
    never the applicant, whatever else they hold."""
    if application is None:
        return True
    if is_self(user, application.applicant_id):
        return False
    job = application.job
    colleague = user.company_id is not None and user.company_id == job.company_id
    return is_self(user, job.owner_id) or colleague or manages_any_application(user)


def can_view_private_notes(user, application=None) -> bool:
    """POL-AP-007: private notes and 1–5 ratings are read by the job's company recruiters
    and admins only."""
    return holds(user, "applications.view_applicantnote") and _hiring_side(user, application)


def can_add_private_note(user, application=None) -> bool:
    """POL-AP-007: writing a private note or rating an applicant (one permission for both:
    they are the same private assessment)."""
    return holds(user, "applications.add_applicantnote") and can_view_private_notes(
        user, application
    )


def can_message_applicant(user, application=None) -> bool:
    """POL-AP-007: a message to the applicant (timeline and email) comes from the job's
    owner or an admin — the side that moves the application."""
    job = application.job if application is not None else None
    return holds(user, "applications.add_applicantmessage") and can_view_applicants(user, job)


def can_view_contact(user, application=None) -> bool:
    """POL-AP-008: the applicant's email and phone — the job's owner and admins only (every
    view is logged by the service)."""
    job = application.job if application is not None else None
    return holds(user, "applications.view_applicant_contact") and can_view_applicants(user, job)


def can_read_notification(user, notification=None) -> bool:
    """Notifications are their user's own."""
    return is_signed_in(user) and (notification is None or is_self(user, notification.user_id))


def application_scope(user) -> Q:
    """The applications `user` may see, as a filter (the list form of can_view_application)."""
    if not is_signed_in(user):
        return Q(pk__in=[])
    if holds(user, "applications.view_application"):
        if manages_any_application(user):
            return Q()
        return Q(applicant_id=user.pk) | Q(job__owner_id=user.pk)
    return Q(applicant_id=user.pk)
