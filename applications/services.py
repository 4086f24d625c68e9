"""Every write of the applications domain (POL-AP-001 … POL-AP-004)."""

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.models import User
from applications.exceptions import (
    AlreadyApplied,
    ApplicationNotFound,
    JobNotOpen,
    NotAllowed,
    StageMoveForbidden,
)
from applications.models import (
    ActorRole,
    Application,
    Notification,
    NotificationKind,
    ResumeDownload,
    Stage,
    StageChange,
    TransitionNotAllowed,
)
from applications.policies import (
    can_apply,
    can_download_resume,
    can_move_application,
    can_view_application,
    can_withdraw_application,
)
from applications.tasks import enqueue_email
from candidates.resumes import EXTENSIONS, detect_resume_type
from jobboard import metrics
from jobboard.errors import NotFound
from jobs.models import Job


def notification_create(
    *, user: User, kind: str, application: Application, params: dict[str, object], link: str
) -> Notification:
    """In-site notification plus its queued email, both in the caller's transaction."""
    notification = Notification.objects.create(
        user=user, kind=kind, application=application, params=params, link=link
    )
    enqueue_email(notification)
    return notification


def application_submit(
    *, job: Job, applicant: User, resume: UploadedFile[bytes], cover_letter: str = ""
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
        StageChange.objects.create(
            application=application,
            from_stage=previous,
            to_stage=stage,
            actor=actor,
            note=note.strip(),
        )
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
            link=reverse("applications:mine"),
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
    return handle


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Marks one notification (or all, when no id) of `user` read; returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        if not Notification.objects.filter(user=user, pk=notification_id).exists():
            raise NotFound(_("No such notification."))
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
