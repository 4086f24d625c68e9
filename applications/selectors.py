"""Every non-trivial read of the applications domain; ownership rules live here."""

from django.db.models import Prefetch, QuerySet

from accounts.models import Role, User
from applications.exceptions import ApplicationNotFound
from applications.models import Application, Notification, StageChange
from jobs.models import Job


def _is_admin(user: User) -> bool:
    return user.role == Role.ADMIN or user.is_superuser


def application_list_visible(
    *, user: User, job_id: int | None = None, stage: str | None = None
) -> QuerySet[Application]:
    """Jobseeker: own applications; recruiter: applications to own jobs; admin: all."""
    queryset = Application.objects.select_related("job", "job__company", "applicant")
    if _is_admin(user):
        pass
    elif user.role == Role.RECRUITER and user.has_perm("applications.view_application"):
        queryset = queryset.filter(job__owner=user)
    else:
        queryset = queryset.filter(applicant=user)
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
    """The job if the user may manage its applicants (owner or admin), else None."""
    queryset = Job.objects.select_related("company")
    if not _is_admin(user):
        queryset = queryset.filter(owner=user)
    return queryset.filter(pk=job_id).first()


def notification_list(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_unread_count(*, user: User) -> int:
    """One COUNT on a partial index (user, read_at IS NULL)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def application_for_job_and_user(*, job: Job, user: User) -> Application | None:
    return Application.objects.filter(job=job, applicant=user).first()
