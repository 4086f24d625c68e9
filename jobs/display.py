"""How a job's facts read on pages (POL-J-006): salary in 만원 (연 5,500~8,000만원), the
deadline as a D-day (D-7, 오늘 마감, 상시), experience and education as Korean boards say them.
Template filters in jobs.templatetags.jobs_tags call these."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from jobs.models import Education, Experience, SalaryMode

MANWON = 10_000


def amount(won: int) -> str:
    """A salary figure as the page's language says it: Korean counts 만원 (55,000,000 →
    "5,500", read with 만원 by the catalog), English millions ("55M")."""
    if (get_language() or "ko").startswith("ko"):
        return number_format(round(won / MANWON), force_grouping=True)
    millions = won / 1_000_000
    return f"{millions:,.0f}M" if millions == int(millions) else f"{millions:,.1f}M"


def salary_label(job) -> str:
    if job.salary_mode == SalaryMode.COMPANY_POLICY:
        return _("As per company policy")
    if job.salary_mode == SalaryMode.AFTER_INTERVIEW:
        return _("Decided after interview")
    low, high = job.salary_min, job.salary_max
    if low is not None and high is not None and low != high:
        return _("KRW %(low)s–%(high)s a year") % {"low": amount(low), "high": amount(high)}
    if low is not None and high == low:
        return _("KRW %(low)s a year") % {"low": amount(low)}
    if low is not None:
        return salary_from_label(low)
    if high is not None:
        return _("Up to KRW %(high)s a year") % {"high": amount(high)}
    return _("As per company policy")


def salary_from_label(won: int) -> str:
    return _("From KRW %(low)s a year") % {"low": amount(won)}


def dday(job, today: date | None = None) -> dict:
    """{"label": "D-7" | "오늘 마감" | "상시" | "마감", "tone": …} for the deadline badge."""
    if job.deadline is None:
        return {"label": pgettext("deadline badge", "Always hiring"), "tone": "rolling"}
    days = (job.deadline - (today or timezone.localdate())).days
    if days < 0:
        return {"label": _("Closed"), "tone": "closed"}
    if days == 0:
        return {"label": _("Closes today"), "tone": "urgent"}
    return {"label": f"D-{days}", "tone": "urgent" if days <= 7 else "normal"}


def experience_label(job) -> str:
    if job.experience == Experience.NEW:
        return _("Entry level")
    if job.experience == Experience.ANY:
        return _("Any experience")
    low, high = job.experience_min_years, job.experience_max_years
    if high is not None:
        return _("%(low)d–%(high)d years") % {"low": low, "high": high}
    return _("%(low)d+ years") % {"low": low}


def education_label(job) -> str:
    if job.education == Education.ANY:
        return _("Any education")
    return _("%(level)s or higher") % {"level": Education(job.education).label}


def logo_url(company, size: int) -> str | None:
    """The company's logo at `size` px, versioned so it can be cached for a year."""
    if company is None or not company.logo_version:
        return None
    path = reverse("jobs:company-logo", args=[company.pk, size])
    return f"{path}?v={company.logo_version}"
