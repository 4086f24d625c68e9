"""Every non-trivial read of the applications domain; who sees what is applications.policies."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from applications.exceptions import ApplicationNotFound
from applications.matching import FIT_SORT, order_by_fit, with_fit_inputs
from applications.models import (
    ApplicantMessage,
    ApplicantNote,
    Application,
    MessageTemplate,
    Notification,
    StageChange,
)
from applications.policies import (
    application_scope,
    can_view_applicants,
    can_view_private_notes,
)
from jobboard.json_rows import instances, json_rows
from jobs.models import Job

_TIMELINE_PREFETCH = (
    Prefetch("history", queryset=StageChange.objects.select_related("actor")),
    Prefetch("messages", queryset=ApplicantMessage.objects.select_related("sender")),
)


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


def application_get_visible(
    *, user: User, application_id: int, timeline: bool = True
) -> Application:
    """One application the user may see, with its history unless `timeline` is False (a
    résumé download shows none) and its rating for those who may read it; others are
    NotFound (no existence leak)."""
    queryset = application_list_visible(user=user)
    if timeline:
        queryset = queryset.prefetch_related(*_TIMELINE_PREFETCH)
    if can_view_private_notes(user):
        queryset = queryset.select_related("rating")
    application = queryset.filter(pk=application_id).first()
    if application is None:
        raise ApplicationNotFound()
    return application


@dataclass(frozen=True)
class ApplicantSort:
    """One way to order a job's applicants. `policy` says who may use it: a sort by private
    ratings would leak them to someone who may not read them (POL-AP-007)."""

    label: str | Promise
    order: Callable[[QuerySet[Application]], QuerySet[Application]]
    policy: Callable[[Any], bool] | None = None


# The applicant list's sort keys: the board and the API offer exactly these. Another app
# may add its own from its AppConfig.ready().
APPLICANT_SORTS: dict[str, ApplicantSort] = {
    "-applied": ApplicantSort(_("Newest first"), lambda qs: qs.order_by("-created_at", "-id")),
    "applied": ApplicantSort(_("Oldest first"), lambda qs: qs.order_by("created_at", "id")),
    "rating": ApplicantSort(
        _("Highest rated"),
        lambda qs: qs.order_by(F("rating__score").desc(nulls_last=True), "created_at", "id"),
        policy=can_view_private_notes,
    ),
    # POL-S-003: for the job's side, who sees the applicants (ADR 0083).
    FIT_SORT: ApplicantSort(_("Best fit"), order_by_fit, policy=can_view_applicants),
}
DEFAULT_SORT = "-applied"


def applicant_sorts_for(user: User) -> dict[str, ApplicantSort]:
    """The sort keys this user may use."""
    return {
        key: sort
        for key, sort in APPLICANT_SORTS.items()
        if sort.policy is None or sort.policy(user)
    }


def application_list_for_board(
    *, user: User, job: Job, sort: str = DEFAULT_SORT
) -> QuerySet[Application]:
    """A job's applicants in `sort` order (a key of applicant_sorts_for(user); anything else
    falls back to the newest first), with their rating when the user may read it and what
    their fit reads when the user may sort by fit (the board shows every card's fit:
    applications.matching.fits_of them costs no query)."""
    queryset = application_list_visible(user=user, job_id=job.pk)
    if can_view_private_notes(user):
        queryset = queryset.select_related("rating")
    if FIT_SORT in applicant_sorts_for(user):
        queryset = with_fit_inputs(queryset)
    return order_applicants(queryset, user=user, sort=sort)


def order_applicants(
    queryset: QuerySet[Application], *, user: User, sort: str | None
) -> QuerySet[Application]:
    sorts = applicant_sorts_for(user)
    return sorts.get(sort or DEFAULT_SORT, sorts[DEFAULT_SORT]).order(queryset)


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an application's timeline: a stage move or a message to the applicant
    (never a private note, POL-AP-007)."""

    kind: str  # "stage" or "message"
    item: StageChange | ApplicantMessage

    @property
    def created_at(self) -> datetime:
        return self.item.created_at


def application_timeline(application: Application) -> list[TimelineEntry]:
    """Moves and messages in time order, from the prefetched `history` and `messages`."""
    entries = chain(
        (TimelineEntry("stage", change) for change in application.history.all()),
        (TimelineEntry("message", message) for message in application.messages.all()),
    )
    return sorted(entries, key=lambda entry: (entry.created_at, entry.kind == "message"))


def private_notes_of(*, user: User, application: Application) -> QuerySet[ApplicantNote] | None:
    """The private notes on an application for a reader POL-AP-007 allows; None otherwise."""
    if not can_view_private_notes(user, application):
        return None
    return ApplicantNote.objects.filter(application=application).select_related("author")


def message_template_list() -> QuerySet[MessageTemplate]:
    return MessageTemplate.objects.filter(active=True).order_by("title")


def application_get_for_hiring_side(*, application_id: int) -> Application | None:
    """An application with its job, for the hiring side's policies to judge (notes are read
    by company colleagues who do not see the application itself, POL-AP-007)."""
    return (
        Application.objects.select_related("job", "applicant", "rating")
        .filter(pk=application_id)
        .first()
    )


def application_list_mine(*, user: User) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("job", "job__company")
        .prefetch_related(*_TIMELINE_PREFETCH)
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
    """The user's application to `job`: read with the job on its page when it came
    (my_application_expression), else one query."""
    if hasattr(job, "my_application_rows"):
        found: list[Application] = instances(Application, job.my_application_rows)
        return found[0] if found else None
    return Application.objects.filter(job=job, applicant=user).first()


def my_application_expression(user: User) -> BaseExpression:
    """The viewer's application to the job of the row (its page's "already applied"), read
    with the job (jobs.selectors.JOB_PAGE_ANNOTATIONS, issue 17's budget)."""
    fields = tuple(field.attname for field in Application._meta.concrete_fields)
    return json_rows(Application.objects.filter(job=OuterRef("pk"), applicant=user), fields)
