"""Saved-search digests (POL-S-002): for each search with a daily or weekly digest, one
email per period listing the jobs published in it, none when nothing is new.

A period is a calendar day or an ISO week in the site's time zone (Asia/Seoul); a run sends
the digests of the last complete period that are not sent yet. Before anything is sent, the
(search, period) row is claimed — created under a unique constraint — so runs that overlap,
on one worker or several, send one email per search per period (ADR 0071)."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from alerts.filters import list_query
from alerts.models import Digest, Frequency, SavedSearch
from alerts.selectors import saved_search_new_jobs
from alerts.services import unsubscribe_token
from jobs.models import Job

logger = logging.getLogger(__name__)

DIGEST_MAX_JOBS = 20  # listed in one email; the rest are one link away


@dataclass(frozen=True)
class Period:
    frequency: str
    key: str
    start: datetime
    end: datetime


def last_complete_period(frequency: str, now: datetime) -> Period:
    """Yesterday, or last week (Monday to Sunday), in the site's time zone."""
    today = timezone.localdate(now)
    if frequency == Frequency.WEEKLY:
        first = today - timedelta(days=today.weekday() + 7)
        year, week, _day = first.isocalendar()
        key, days = f"{year}-W{week:02d}", 7
    else:
        first = today - timedelta(days=1)
        key, days = first.isoformat(), 1
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(first + timedelta(days=days), time.min))
    return Period(frequency=frequency, key=key, start=start, end=end)


@dataclass
class DigestRun:
    sent: int = 0
    empty: int = 0
    taken: int = 0  # claimed by another run first
    failed: int = 0
    periods: list[str] = field(default_factory=list)


def digests_send_due(*, now: datetime | None = None) -> DigestRun:
    """Send every digest of the last complete day and week not claimed yet."""
    now = now or timezone.now()
    run = DigestRun()
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        period = last_complete_period(frequency, now)
        run.periods.append(period.key)
        due = (
            SavedSearch.objects.filter(
                frequency=frequency, created_at__lt=period.end, user__is_active=True
            )
            .exclude(digests__period=period.key)
            .select_related("user")
            .order_by("pk")
        )
        for search in due.iterator(chunk_size=500):
            outcome = digest_send(search=search, period=period)
            setattr(run, outcome, getattr(run, outcome) + 1)
    if run.sent or run.failed:
        logger.info("saved-search digests", extra={"sent": run.sent, "failed": run.failed})
    return run


def digest_send(*, search: SavedSearch, period: Period) -> str:
    """Claim (search, period), then email the new jobs if there are any. Returns "sent",
    "empty", "taken" (another run claimed it) or "failed" (the mail server refused; the
    claim is given back so a later run tries again)."""
    try:
        with transaction.atomic():
            digest = Digest.objects.create(search=search, period=period.key)
    except IntegrityError:
        return "taken"
    new_jobs = saved_search_new_jobs(search=search, start=period.start, end=period.end)
    jobs = list(new_jobs[:DIGEST_MAX_JOBS])
    total = len(jobs) if len(jobs) < DIGEST_MAX_JOBS else new_jobs.count()
    if not jobs:
        return "empty"
    Digest.objects.filter(pk=digest.pk).update(job_count=total)
    try:
        digest_email(search=search, period=period, jobs=jobs, total=total).send()
    except OSError:  # smtplib's errors are OSErrors: nothing was accepted, try next run
        logger.warning("digest email failed", exc_info=True, extra={"search": search.pk})
        Digest.objects.filter(pk=digest.pk).delete()
        return "failed"
    Digest.objects.filter(pk=digest.pk).update(sent_at=timezone.now())
    return "sent"


def _absolute(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def digest_email(
    *, search: SavedSearch, period: Period, jobs: list[Job], total: int
) -> EmailMultiAlternatives:
    """The digest in the language the search was saved in, with a one-click unsubscribe
    link in the body and in the List-Unsubscribe headers (RFC 2369, RFC 8058)."""
    unsubscribe = _absolute(reverse("alerts:unsubscribe", args=[unsubscribe_token(search)]))
    context = {
        "search": search,
        "period": period,
        "jobs": [(job, _absolute(reverse("jobs:detail", args=[job.pk]))) for job in jobs],
        "total": total,
        "more": total - len(jobs),
        "searches_url": _absolute(reverse("alerts:saved_searches")),
        "list_url": _absolute(f"{reverse('jobs:list')}?{list_query(search.filters)}"),
        "unsubscribe_url": unsubscribe,
    }
    with translation.override(search.language or settings.LANGUAGE_CODE):
        subject = render_to_string("alerts/email/digest_subject.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("alerts/email/digest.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[search.user.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "X-Jobboard-Digest": f"{search.pk}:{period.key}",
            },
        )
        message.attach_alternative(
            render_to_string("alerts/email/digest.html", context), "text/html"
        )
    return message
