from dataclasses import dataclass

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

# POL-AP-003, the whole rule in one table: (from, to) → who may make that move. The job's
# side moves forward to any later stage (skipping is allowed), back one stage (to undo a
# mistake) and to `rejected` from any stage that is not final; the applicant withdraws
# before an offer. Nothing leaves a final stage.
_OPEN_PIPELINE = PIPELINE[:-1]  # every stage but `hired`, the pipeline's final one
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    **{
        (current, later): frozenset({ActorRole.EMPLOYER})
        for index, current in enumerate(_OPEN_PIPELINE)
        for later in PIPELINE[index + 1 :]
    },
    **{
        (current, PIPELINE[index - 1]): frozenset({ActorRole.EMPLOYER})
        for index, current in enumerate(_OPEN_PIPELINE)
        if index > 0
    },
    **{(stage, Stage.REJECTED): frozenset({ActorRole.EMPLOYER}) for stage in _OPEN_PIPELINE},
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
    # POL-AP-005 (열람): when the job's owner first opened the applicant page or the résumé.
    employer_viewed_at = models.DateTimeField(_("opened by the company"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("manage_any_application", "Can see and move applications to any company's jobs"),
            ("view_applicant_contact", "Can see an applicant's email and phone (POL-AP-008)"),
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


class ContactView(models.Model):
    """One view of an applicant's email and phone by the job's side (POL-AP-008: logged like
    résumé downloads)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="contact_views"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contact details view")
        verbose_name_plural = _("contact details views")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"


class ApplicantNote(models.Model):
    """A recruiter's private note on an applicant (POL-AP-007): read by the job's company
    recruiters and admins only, never by the applicant — it lives apart from StageChange,
    whose rows the applicant's timeline shows."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="private_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=NOTE_MAX_CHARS)
    # The move it was written with, when it came with one (the board's and page's move form).
    stage_change = models.ForeignKey(
        StageChange, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "created_at"], name="applications_note_app")]

    def __str__(self) -> str:
        return f"{self.author} on {self.application_id}"


RATING_MIN, RATING_MAX = 1, 5


class ApplicantRating(models.Model):
    """The hiring side's 1–5 rating of an applicant (POL-AP-007, private like notes): one per
    application, the latest rater's; its own table so nothing that serializes an
    Application for the applicant can carry it."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(_("rating"))
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=RATING_MIN, score__lte=RATING_MAX),
                name="applications_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score} ★ on {self.application_id}"


class MessageTemplate(models.Model):
    """An admin-edited text for messages to applicants (POL-AP-007: a rejection reason, an
    interview invitation). `{name}` and `{job}` in the body are filled in when it is used."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    title = models.CharField(_("title"), max_length=100)
    subject = models.CharField(_("email subject"), max_length=150)
    body = models.TextField(_("body"), max_length=LETTER_MAX_CHARS)
    for_stage = models.CharField(
        _("suggested with the move to"),
        max_length=16,
        choices=Stage.choices,
        blank=True,
        help_text=_("The board offers this template when moving to that stage."),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def fill(self, application: Application) -> "FilledMessage":
        """The subject and body for one applicant. Plain replacement, not str.format: an
        admin's stray brace must not break sending."""
        values = {
            "{name}": application.applicant.name or str(_("applicant")),
            "{job}": application.job.title,
        }

        def fill(text: str) -> str:
            for placeholder, value in values.items():
                text = text.replace(placeholder, value)
            return text

        return FilledMessage(subject=fill(self.subject), body=fill(self.body))


@dataclass(frozen=True)
class FilledMessage:
    subject: str
    body: str


class ApplicantMessage(models.Model):
    """A message from the job's side to the applicant (POL-AP-007), a deliberate act apart
    from private notes: the applicant reads it in the timeline and by email (POL-AP-004)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    template = models.ForeignKey(
        MessageTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=LETTER_MAX_CHARS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message to the applicant")
        verbose_name_plural = _("messages to applicants")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.subject


class NotificationKind(models.TextChoices):
    NEW_APPLICATION = "new_application", _("New application")
    APPLIED = "applied", _("Application sent")
    STAGE_CHANGED = "stage_changed", _("Stage changed")
    MESSAGE = "message", _("Message from the recruiter")
    # Sent by payments through jobboard.inbox (ADR 0080).
    ORDER_REFUNDED = "order_refunded", _("Order refunded")
    SAVED_JOB_DEADLINE = "saved_job_deadline", _("Saved job closing soon")


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
