"""The jobseeker's own data (POL-AP-006): a profile that matching reads (POL-S-003) and
recruiters see part of (the phone, POL-AP-008), and up to five stored résumés."""

import re

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.resumes import resume_file_name
from candidates.storage import resume_storage
from jobboard.limits import NOTE_MAX_CHARS
from jobs.choices import Education
from jobs.models import Category, Job, Location, Skill

MAX_STORED_RESUMES = 5  # POL-AP-006
HEADLINE_MAX_CHARS = 100
MAX_EXPERIENCE_YEARS = 60
# 만원 a year: 10억 is far above any salary a job board lists, and keeps typos out.
MAX_DESIRED_SALARY_MANWON = 100_000

# A person states the level they reached; "any education" is a job's wording, not a person's.
PROFILE_EDUCATION_CHOICES = [(value, label) for value, label in Education.choices if value != "any"]

# Korean numbers as people write them: 010-1234-5678, 02-123-4567, 0311234567.
phone_validator = RegexValidator(
    r"^0\d{1,2}-?\d{3,4}-?\d{4}$", _("Enter a phone number such as 010-1234-5678.")
)


def normalize_phone(phone: str) -> str:
    """010-1234-5678 whatever the user typed (spaces, dots, no hyphens), so recruiters read
    one format (POL-AP-008). Numbers the validator refuses are left as typed for it."""
    digits = re.sub(r"[\s.\-()]", "", phone)
    if not re.fullmatch(r"0\d{8,10}", digits):
        return phone.strip()
    area = 2 if digits.startswith("02") else 3
    return f"{digits[:area]}-{digits[area:-4]}-{digits[-4:]}"


class Profile(models.Model):
    """One per jobseeker, created on first edit. Empty fields mean "not said": matching
    treats them as unknown, never as a mismatch."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    headline = models.CharField(_("headline"), max_length=HEADLINE_MAX_CHARS, blank=True)
    summary = models.TextField(_("summary"), max_length=NOTE_MAX_CHARS, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    experience_years = models.PositiveSmallIntegerField(
        _("years of experience"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_EXPERIENCE_YEARS)],
        help_text=_("0 for a new graduate (신입)."),
    )
    education = models.CharField(
        _("education"), max_length=16, choices=PROFILE_EDUCATION_CHOICES, blank=True
    )
    desired_salary_manwon = models.PositiveIntegerField(
        _("desired salary (만원 a year)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_DESIRED_SALARY_MANWON)],
    )
    desired_categories = models.ManyToManyField(
        Category, blank=True, related_name="+", verbose_name=_("desired job categories")
    )
    desired_locations = models.ManyToManyField(
        Location, blank=True, related_name="+", verbose_name=_("desired locations")
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="+", verbose_name=_("skills"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jobseeker profile")
        verbose_name_plural = _("jobseeker profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    education__in=["", *(value for value, _label in PROFILE_EDUCATION_CHOICES)]
                ),
                name="candidates_profile_education_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(experience_years__lte=MAX_EXPERIENCE_YEARS),
                name="candidates_profile_experience_bounded",
            ),
            models.CheckConstraint(
                condition=models.Q(desired_salary_manwon__lte=MAX_DESIRED_SALARY_MANWON),
                name="candidates_profile_salary_bounded",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def desired_salary_won(self) -> int | None:
        """Jobs store won a year (POL-J-004); the profile keeps 만원 as people say it."""
        return None if self.desired_salary_manwon is None else self.desired_salary_manwon * 10_000


def stored_resume_upload_to(instance: "StoredResume", filename: str) -> str:
    return resume_file_name("stored-resumes", instance.content_type)


class StoredResume(models.Model):
    """A résumé kept for one-click apply (POL-AP-006), checked like an upload (POL-AP-002)
    and kept in the same private storage. Applying copies the file into the application,
    so deleting a stored résumé never changes what a recruiter received."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stored_resumes"
    )
    title = models.CharField(_("title"), max_length=100)
    file = models.FileField(
        _("file"), storage=resume_storage, upload_to=stored_resume_upload_to, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    is_default = models.BooleanField(_("default"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # What its text names, found once when it is stored (POL-S-003: used for matching on this
    # site only, never shown to anyone else).
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="+", verbose_name=_("skills found in the text")
    )

    class Meta:
        verbose_name = _("stored résumé")
        verbose_name_plural = _("stored résumés")
        ordering = ["-is_default", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(is_default=True),
                name="candidates_one_default_resume",
            ),
        ]
        indexes = [models.Index(fields=["owner", "-created_at"], name="candidates_resume_owner")]

    def __str__(self) -> str:
        return self.title


RECENTLY_VIEWED_KEEP = 20  # per jobseeker; older views are dropped as new ones come


class RecentlyViewedJob(models.Model):
    """A job page a jobseeker opened, newest kept (a bounded list, POL-AP-006's "recently
    viewed" on the profile and home pages)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recently viewed job")
        verbose_name_plural = _("recently viewed jobs")
        constraints = [
            models.UniqueConstraint(fields=["user", "job"], name="candidates_recent_one_per_job")
        ]
        indexes = [models.Index(fields=["user", "-viewed_at"], name="candidates_recent_user")]

    def __str__(self) -> str:
        return f"{self.user} → {self.job_id}"


class SavedJob(models.Model):
    """A job a jobseeker saved (스크랩, POL-S-002), reminded before its deadline."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved job")
        verbose_name_plural = _("saved jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "job"], name="candidates_saved_once_per_job")
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="candidates_saved_user")]

    def __str__(self) -> str:
        return f"{self.user} → {self.job_id}"


class SavedJobReminder(models.Model):
    """One deadline reminder sent for a saved job (POL-S-002): the unique constraint makes
    each (saved job, days before) go out once, however often or in parallel the run is."""

    saved_job = models.ForeignKey(SavedJob, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved job reminder")
        verbose_name_plural = _("saved job reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["saved_job", "days_before"], name="candidates_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"D-{self.days_before} → {self.saved_job}"
