"""Every write of the applications domain (POL-AP-001 … POL-AP-004, POL-AP-007, POL-AP-008)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.policies import is_self
from applications.exceptions import (
    AlreadyApplied,
    ApplicationNotFound,
    InvalidInput,
    JobNotOpen,
    NotAllowed,
    StageMoveForbidden,
)
from applications.models import (
    RATING_MAX,
    RATING_MIN,
    ActorRole,
    ApplicantMessage,
    ApplicantNote,
    ApplicantRating,
    Application,
    ContactView,
    MessageTemplate,
    Notification,
    NotificationKind,
    ResumeDownload,
    Stage,
    StageChange,
    TransitionNotAllowed,
)
from applications.policies import (
    can_add_private_note,
    can_apply,
    can_download_resume,
    can_message_applicant,
    can_move_application,
    can_view_application,
    can_view_contact,
    can_withdraw_application,
)
from applications.tasks import enqueue_email
from candidates.resumes import EXTENSIONS, detect_resume_type
from candidates.services import stored_resume_open
from jobboard import metrics
from jobboard.errors import NotFound
from jobs.models import Job


def notification_create(
    *,
    user: User,
    kind: str,
    params: dict[str, object],
    link: str,
    application: Application | None = None,
) -> Notification:
    """In-site notification plus its queued email, both in the caller's transaction. Other
    apps reach it through jobboard.inbox.notify (registered in ApplicationsConfig.ready)."""
    notification = Notification.objects.create(
        user=user, kind=kind, application=application, params=params, link=link
    )
    enqueue_email(notification)
    return notification


def application_submit(
    *,
    job: Job,
    applicant: User,
    resume: UploadedFile[bytes] | File[bytes],
    cover_letter: str = "",
) -> Application:
    """Apply to a job (POL-AP-001) with a résumé checked by content (POL-AP-002). One
    application per job and jobseeker is the database's unique constraint: of two
    simultaneous submissions one wins, the other gets AlreadyApplied."""
    if not can_apply(applicant, job):
        raise NotAllowed(_("Only jobseekers can apply."))
    if not job.is_open():
        raise JobNotOpen(_("This job no longer takes applications."))
    content_type = detect_resume_type(resume)
    original_name = (getattr(resume, "name", "") or f"resume.{EXTENSIONS[content_type]}")[-255:]
    if Application.objects.filter(job=job, applicant=applicant).exists():
        raise AlreadyApplied(_("You have already applied to this job."))
    application = Application(
        job=job,
        applicant=applicant,
        resume_name=original_name,
        resume_size=resume.size or 0,  # detect_resume_type refused empty files
        resume_content_type=content_type,
        cover_letter=cover_letter or "",
    )
    try:
        with transaction.atomic():
            # The file name is chosen by upload_to (a uuid); the client's name is data only.
            application.resume.save("resume", resume, save=False)
            application.save()
            StageChange.objects.create(
                application=application, to_stage=Stage.APPLIED, actor=applicant
            )
            notification_create(
                user=job.owner,
                kind=NotificationKind.NEW_APPLICATION,
                application=application,
                params={
                    "job": job.title,
                    "applicant": applicant.name or applicant.email,
                    "language": get_language() or "ko",
                },
                link=reverse("applications:detail", kwargs={"application_id": application.pk}),
            )
            # POL-AP-004: the applicant's confirmation, by the same outbox and email path.
            notification_create(
                user=applicant,
                kind=NotificationKind.APPLIED,
                application=application,
                params={
                    "job": job.title,
                    "company": job.company.name,
                    "language": get_language() or "ko",
                },
                link=reverse("applications:detail", kwargs={"application_id": application.pk}),
            )
    except IntegrityError as exc:
        if application.resume.name:
            application.resume.storage.delete(application.resume.name)
        raise AlreadyApplied(_("You have already applied to this job.")) from exc
    except BaseException:
        if application.resume.name:
            application.resume.storage.delete(application.resume.name)
        raise
    metrics.application_submitted()
    return application


def application_submit_stored(
    *, job: Job, applicant: User, resume_id: int, cover_letter: str = ""
) -> Application:
    """One-click apply (POL-AP-006) with one of the applicant's stored résumés: the file is
    checked again and copied into the application (POL-AP-002), so what the recruiter
    receives never changes when the stored résumé is later replaced or deleted."""
    if not can_apply(applicant, job):
        raise NotAllowed(_("Only jobseekers can apply."))
    stored, handle = stored_resume_open(user=applicant, resume_id=resume_id)
    with handle:
        return application_submit(
            job=job,
            applicant=applicant,
            resume=File(handle, name=stored.original_name),
            cover_letter=cover_letter,
        )


def _actor_role(application: Application, actor: User) -> str:
    """Which side of POL-AP-003's table the actor moves from, as the policies decide."""
    if can_move_application(actor, application):
        return ActorRole.EMPLOYER
    if can_withdraw_application(actor, application):
        return ActorRole.APPLICANT
    if can_view_application(actor, application):
        raise NotAllowed()
    raise ApplicationNotFound()


def application_move_stage(
    *, application_id: int, actor: User, stage: str, note: str = ""
) -> Application:
    """Move an application (POL-AP-003) under a row lock, so concurrent moves run one after
    the other and the second sees the first's result; records the move and queues the
    applicant's notification (POL-AP-004) in the same transaction."""
    with transaction.atomic():
        application = Application.objects.select_for_update().filter(pk=application_id).first()
        if application is None:
            raise ApplicationNotFound()
        job = Job.objects.select_related("owner").get(pk=application.job_id)
        application.job = job
        actor_role = _actor_role(application, actor)
        try:
            previous = application.move_to(stage, actor_role)
        except TransitionNotAllowed as exc:
            raise StageMoveForbidden(
                _("An application in “%(from)s” cannot be moved to “%(to)s”.")
                % {"from": Stage(exc.current).label, "to": _stage_label(stage)},
                field="stage",
            ) from exc
        application.updated_at = timezone.now()
        application.save(update_fields=["stage", "updated_at"])
        # POL-AP-007: the applicant's timeline shows StageChange rows, so only the applicant's
        # own words (a withdrawal reason) go there; the job's side writes a private note.
        public_note = note.strip() if actor_role == ActorRole.APPLICANT else ""
        change = StageChange.objects.create(
            application=application,
            from_stage=previous,
            to_stage=stage,
            actor=actor,
            note=public_note,
        )
        if actor_role == ActorRole.EMPLOYER and note.strip():
            _private_note_create(application, actor, note, stage_change=change)
        notification_create(
            user=application.applicant,
            kind=NotificationKind.STAGE_CHANGED,
            application=application,
            params={
                "job": job.title,
                "from_stage": previous,
                "to_stage": stage,
                "language": "ko",
            },
            link=reverse("applications:detail", kwargs={"application_id": application.pk}),
        )
    transaction.on_commit(lambda: metrics.application_stage_moved(previous, stage))
    return application


def _stage_label(stage: str) -> str:
    return str(Stage(stage).label) if stage in Stage.values else stage


def application_withdraw(*, application_id: int, applicant: User, note: str = "") -> Application:
    """The applicant withdraws before an offer (POL-AP-003); nobody else uses this door."""
    if not Application.objects.filter(pk=application_id, applicant=applicant).exists():
        raise ApplicationNotFound()
    return application_move_stage(
        application_id=application_id, actor=applicant, stage=Stage.WITHDRAWN, note=note
    )


def resume_open_for(*, application: Application, user: User) -> File[bytes]:
    """Checks access (POL-AP-002: applicant, job owner, admin) and records every download
    by someone other than the applicant; returns the open file."""
    if not can_download_resume(user, application):
        raise ApplicationNotFound()
    handle = application.resume.storage.open(str(application.resume.name), "rb")
    if user.pk != application.applicant_id:
        ResumeDownload.objects.create(application=application, user=user)
        application_mark_viewed(application=application, user=user)
    return handle


def application_mark_viewed(*, application: Application, user: User) -> None:
    """POL-AP-005 (열람): the first time the job's owner opens the applicant page or the
    résumé is recorded once; admins and later opens change nothing. One conditional
    UPDATE, so two first opens at once keep the earlier time."""
    if application.employer_viewed_at is not None or not is_self(user, application.job.owner_id):
        return
    now = timezone.now()
    Application.objects.filter(pk=application.pk, employer_viewed_at__isnull=True).update(
        employer_viewed_at=now
    )
    application.employer_viewed_at = now


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Marks one notification (or all, when no id) of `user` read; returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        if not Notification.objects.filter(user=user, pk=notification_id).exists():
            raise NotFound(_("No such notification."))
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def application_move_many(
    *, application_ids: list[int], actor: User, stage: str, note: str = ""
) -> list[Application]:
    """The board's bulk move (POL-AP-003): every selected application moves, or none does —
    one forbidden move rolls back the others and names the applications it refused."""
    refused: list[int] = []
    moved: list[Application] = []
    with transaction.atomic():
        for application_id in dict.fromkeys(application_ids):
            try:
                with transaction.atomic():
                    moved.append(
                        application_move_stage(
                            application_id=application_id, actor=actor, stage=stage, note=note
                        )
                    )
            except StageMoveForbidden:
                refused.append(application_id)
        if refused:
            transaction.set_rollback(True)
    if refused:
        raise StageMoveForbidden(
            _("%(count)d of the selected applications cannot be moved to “%(to)s”; nothing moved.")
            % {"count": len(refused), "to": _stage_label(stage)},
            field="applications",
            refused=refused,
        )
    return moved


def _hiring_application(
    application_id: int,
    user: User,
    policy: Callable[[User, Application], bool],
    *related: str,
) -> Application:
    """The application (with its job, applicant and `related`), if `policy` lets the user
    act on it; NotAllowed when they may see it but not do this, ApplicationNotFound
    otherwise (no existence leak)."""
    application = (
        Application.objects.select_related("job", "applicant", *related)
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise ApplicationNotFound()
    if policy(user, application):
        return application
    if can_view_application(user, application):
        raise NotAllowed()
    raise ApplicationNotFound()


def _private_note_create(
    application: Application, author: User, body: str, stage_change: StageChange | None = None
) -> ApplicantNote:
    body = body.strip()
    if not body:
        raise InvalidInput(_("Write a note."), field="body")
    return ApplicantNote.objects.create(
        application=application, author=author, body=body, stage_change=stage_change
    )


def private_note_add(*, application_id: int, author: User, body: str) -> ApplicantNote:
    """A private note on an applicant (POL-AP-007): the job's company recruiters and admins
    read it; it never reaches the applicant's timeline, API or emails."""
    application = _hiring_application(application_id, author, can_add_private_note)
    return _private_note_create(application, author, body)


def applicant_rate(*, application_id: int, rater: User, score: int) -> ApplicantRating:
    """Rate an applicant 1–5 (POL-AP-007, private like notes); the latest rating stands."""
    application = _hiring_application(application_id, rater, can_add_private_note)
    if not RATING_MIN <= score <= RATING_MAX:
        raise InvalidInput(_("Choose a rating from 1 to 5."), field="score")
    rating, _created = ApplicantRating.objects.update_or_create(
        application=application,
        defaults={"score": score, "rated_by": rater, "updated_at": timezone.now()},
    )
    return rating


def applicant_message_send(
    *,
    application_id: int,
    sender: User,
    template: MessageTemplate | None = None,
    subject: str = "",
    body: str = "",
) -> ApplicantMessage:
    """A message to the applicant (POL-AP-007), from an admin-edited template or written
    out: recorded for the applicant's timeline and emailed through the outbox (POL-AP-004).
    Text written by the sender wins over the template's."""
    application = _hiring_application(application_id, sender, can_message_applicant)
    filled = template.fill(application) if template is not None else None
    subject = subject.strip() or (filled.subject if filled else "")
    body = body.strip() or (filled.body if filled else "")
    if not body:
        raise InvalidInput(_("Write a message or choose a template."), field="body")
    if not subject:
        subject = _("A message about your application to “%(job)s”") % {
            "job": application.job.title
        }
    with transaction.atomic():
        message = ApplicantMessage.objects.create(
            application=application, sender=sender, template=template, subject=subject, body=body
        )
        notification_create(
            user=application.applicant,
            kind=NotificationKind.MESSAGE,
            application=application,
            params={
                "job": application.job.title,
                "subject": subject,
                "body": body,
                "language": "ko",
            },
            link=reverse("applications:mine"),
        )
    return message


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str


def applicant_phone(applicant: User) -> str:
    """The phone number from the jobseeker's profile (the `candidate` stream's model); empty
    while the applicant has none."""
    profile = getattr(applicant, "profile", None)
    return str(getattr(profile, "phone", "") or "")


def contact_details_view(*, application_id: int, viewer: User) -> Contact:
    """The applicant's email and phone for the job's owner and admins (POL-AP-008); every
    view is logged (who, when, which application), like résumé downloads."""
    # The phone is the profile's: read with the application.
    application = _hiring_application(
        application_id, viewer, can_view_contact, "applicant__profile"
    )
    ContactView.objects.create(application=application, user=viewer)
    applicant = application.applicant
    return Contact(email=applicant.email, phone=applicant_phone(applicant))
