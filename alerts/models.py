from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("No email")


class SavedSearch(models.Model):
    """A jobseeker's search of the job list, kept to run again and to email its new jobs
    (POL-S-002). `filters` holds the fields of jobs.selectors.JobFilters that narrow the
    search (the sort is not kept: a digest lists followed companies first, then newest)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=100)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    frequency = models.CharField(
        _("email digest"), max_length=8, choices=Frequency.choices, default=Frequency.DAILY
    )
    # The language of the page it was saved from: the digest is written in it.
    language = models.CharField(max_length=8, default="ko")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(frequency__in=Frequency.values),
                name="alerts_savedsearch_frequency_valid",
            ),
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="alerts_search_user")]

    def __str__(self) -> str:
        return f"{self.user} — {self.name}"


class Digest(models.Model):
    """One digest of one saved search for one period (a day or an ISO week). The row is
    created — claimed — before the email is sent, and the pair is unique: however many runs
    overlap, one email per search per period (POL-S-002). `job_count` 0 means nothing was
    new, and no email was sent."""

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="digests")
    period = models.CharField(max_length=12)  # 2026-11-28 (a day) or 2026-W48 (a week)
    job_count = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(fields=["search", "period"], name="alerts_digest_once"),
        ]

    def __str__(self) -> str:
        return f"{self.search} — {self.period}"
