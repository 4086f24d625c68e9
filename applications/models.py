from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.resumes import resume_file_name
from jobboard.limits import LETTER_MAX_CHARS, NOTE_MAX_CHARS
from jobs.models import Job


class Stage(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SCREENING = "screening", _("Screening")
    INTERVIEW = "interview", _("Interview")
    OFFER = "offer", _("Offer")
    HIRED = "hired", _("Hired")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ActorRole(models.TextChoices):
    """Who asks for a move: the job's side (owner or admin) or the applicant."""

    EMPLOYER = "employer", _("Employer")
    APPLICANT = "applicant", _("Applicant")


FINAL_STAGES = frozenset({Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN})
PIPELINE = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]
BOARD_STAGES = [*PIPELINE, Stage.REJECTED, Stage.WITHDRAWN]

# POL-AP-003, the whole rule in one table: (from, to) → who may make that move.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Stage.APPLIED, Stage.SCREENING): frozenset({ActorRole.EMPLOYER}),
    (Stage.SCREENING, Stage.INTERVIEW): frozenset({ActorRole.EMPLOYER}),
    (Stage.INTERVIEW, Stage.OFFER): frozenset({ActorRole.EMPLOYER}),
    (Stage.OFFER, Stage.HIRED): frozenset({ActorRole.EMPLOYER}),
    **{
        (stage, Stage.REJECTED): frozenset({ActorRole.EMPLOYER})
        for stage in (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER)
    },
    **{
        (stage, Stage.WITHDRAWN): frozenset({ActorRole.APPLICANT})
        for stage in (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW)
    },
}


class TransitionNotAllowed(Exception):
    def __init__(self, current: str, target: str, actor_role: str):
        super().__init__(f"{actor_role} cannot move an application from {current} to {target}")
        self.current, self.target, self.actor_role = current, target, actor_role


def allowed_targets(current: str, actor_role: str) -> list[str]:
    """The stages `actor_role` may move an application in `current` to, in board order."""
    return [
        target
        for target in BOARD_STAGES
        if actor_role in TRANSITIONS.get((current, target), frozenset())
    ]


def resume_upload_to(instance, filename: str) -> str:
    return resume_file_name("resumes", instance.resume_content_type)


def private_storage():
    from candidates.storage import resume_storage

    return resume_storage()


class Application(models.Model):
    """A jobseeker's application to a job (POL-AP-001), moving through POL-AP-003's stages."""

    job = models.ForeignKey(Job, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.APPLIED
    )
    resume = models.FileField(
        _("résumé"), storage=private_storage, upload_to=resume_upload_to, max_length=200
    )
    resume_name = models.CharField(_("original file name"), max_length=255)
    resume_size = models.PositiveIntegerField(_("size in bytes"))
    resume_content_type = models.CharField(_("content type"), max_length=100)
    cover_letter = models.TextField(_("cover letter"), blank=True, max_length=LETTER_MAX_CHARS)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("manage_any_application", "Can see and move applications to any company's jobs")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "applicant"], name="applications_one_per_job_and_applicant"
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=[s.value for s in Stage]),
                name="applications_application_stage_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["job", "stage"], name="applications_job_stage"),
            models.Index(fields=["applicant", "-created_at"], name="applications_applicant"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.job}"

    @property
    def is_final(self) -> bool:
        return self.stage in FINAL_STAGES

    def move_to(self, stage: str, actor_role: str) -> str:
        """Sets the stage if POL-AP-003's table lets `actor_role` make the move, without
        saving; returns the previous stage. Raises TransitionNotAllowed otherwise."""
        previous = self.stage
        if actor_role not in TRANSITIONS.get((previous, stage), frozenset()):
            raise TransitionNotAllowed(previous, stage, actor_role)
        self.stage = stage
        return previous


class StageChange(models.Model):
    """One recorded move (POL-AP-003: from, to, who, when, note). The first row of an
    application has no `from_stage`: it records the submission."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True, max_length=NOTE_MAX_CHARS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage or '∅'} → {self.to_stage}"


class ResumeDownload(models.Model):
    """A résumé served to someone other than its applicant (POL-AP-002 audit trail)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("résumé download")
        verbose_name_plural = _("résumé downloads")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"


class NotificationKind(models.TextChoices):
    NEW_APPLICATION = "new_application", _("New application")
    STAGE_CHANGED = "stage_changed", _("Stage changed")


class Notification(models.Model):
    """An in-site notification, and the outbox row of its email (POL-AP-004): `emailed_at`
    is set once the mail server accepted the message."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notifications", null=True
    )
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_failed_at = models.DateTimeField(null=True, blank=True)
    email_last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in NotificationKind]),
                name="applications_notification_kind_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="applications_notif_unread",
            ),
            models.Index(fields=["user", "-created_at"], name="applications_notif_user"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.user}"

    @property
    def text(self) -> str:
        from applications.notifications import notification_text

        return notification_text(self)
