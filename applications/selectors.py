"""Every non-trivial read of the applications domain; who sees what is applications.policies."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from applications.exceptions import ApplicationNotFound
from applications.models import Application, Notification, StageChange
from applications.policies import application_scope, can_view_applicants
from jobs.models import Job


def application_list_visible(
    *, user: User, job_id: int | None = None, stage: str | None = None
) -> QuerySet[Application]:
    """What applications.policies.application_scope lets the user see: their own
    applications, applications to their jobs (with applications.view_application), every
    application (with applications.manage_any_application too)."""
    queryset = Application.objects.select_related("job", "job__company", "applicant").filter(
        application_scope(user)
    )
    if job_id is not None:
        queryset = queryset.filter(job_id=job_id)
    if stage:
        queryset = queryset.filter(stage=stage)
    return queryset.order_by("-created_at", "-id")


def application_get_visible(*, user: User, application_id: int) -> Application:
    """One application the user may see, with its history; others are NotFound (no
    existence leak)."""
    application = (
        application_list_visible(user=user)
        .prefetch_related(Prefetch("history", queryset=StageChange.objects.select_related("actor")))
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise ApplicationNotFound()
    return application


def application_list_for_board(*, user: User, job: Job) -> QuerySet[Application]:
    return application_list_visible(user=user, job_id=job.pk).order_by("created_at", "id")


def application_list_mine(*, user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("job", "job__company")
        .prefetch_related(Prefetch("history", queryset=StageChange.objects.select_related("actor")))
        .order_by("-created_at", "-id")
    )


def job_get_owned(*, user: User, job_id: int) -> Job | None:
    """The job if the user may see its applicants (owner or admin, POL-AP-003), else None."""
    job = Job.objects.select_related("company").filter(pk=job_id).first()
    return job if job is not None and can_view_applicants(user, job) else None


def notification_list(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_unread_count(*, user: User) -> int:
    """One COUNT on a partial index (user, read_at IS NULL)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_unread_expression() -> Coalesce:
    """The unread count as an expression over a user row (accounts.authentication's
    SIGNED_IN_ANNOTATIONS), so a page's header costs no query of its own. As of sign-in:
    what changes the count redirects before a page shows it."""
    unread = Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
    count = unread.order_by().values("user").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count), 0)


def application_for_job_and_user(*, job: Job, user: User) -> Application | None:
    return Application.objects.filter(job=job, applicant=user).first()
