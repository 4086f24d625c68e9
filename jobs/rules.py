"""The rules of a job's content, each in one function (POL-J-004, POL-J-006, POL-J-008). The
form, the API serializer and the service all call these, so a rule has one wording in every
language; the database keeps its own check constraints as the last guard.

Each returns the problems it finds as {field: message} ({} when all is well), so a form adds
them as field errors, a serializer raises them, and a service raises the first."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobboard.limits import LONG_TEXT_MAX_CHARS, too_long
from jobs.choices import Experience, SalaryMode

MAX_EXPERIENCE_YEARS = 40

# The one wording of each salary rule, also used when the database's check constraint is
# what refuses the job (jobs.services.CONSTRAINT_ERRORS).
SALARY_RANGE_MESSAGE = gettext_lazy("The maximum salary must be at least the minimum.")
SALARY_MODE_MESSAGE = gettext_lazy("Give a salary range, or no figures with this choice.")


def salary_errors(
    *, salary_mode: str, salary_min: int | None, salary_max: int | None
) -> dict[str, str]:
    """POL-J-004, POL-J-006: the one salary rule. A range (KRW a year) names at least one bound
    and salary_min ≤ salary_max; the two phrases (회사 내규에 따름, 면접 후 결정) carry no
    figures."""
    if salary_mode != SalaryMode.RANGE:
        if salary_min is not None or salary_max is not None:
            return {"salary_mode": str(SALARY_MODE_MESSAGE)}
        return {}
    if salary_min is None and salary_max is None:
        return {"salary_min": _("Give at least a minimum or a maximum salary.")}
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        return {"salary_max": str(SALARY_RANGE_MESSAGE)}
    return {}


def experience_errors(
    *, experience: str, min_years: int | None, max_years: int | None
) -> dict[str, str]:
    """POL-J-006: 경력 needs a minimum (and an optional maximum not below it); 신입 and 경력무관
    take no years."""
    if experience != Experience.EXPERIENCED:
        if min_years is not None or max_years is not None:
            return {"experience_min_years": _("Years of experience apply to experienced hires.")}
        return {}
    if min_years is None:
        return {"experience_min_years": _("Give the minimum years of experience.")}
    if max_years is not None and max_years < min_years:
        return {"experience_max_years": _("The maximum years must be at least the minimum.")}
    if max(min_years, max_years or 0) > MAX_EXPERIENCE_YEARS:
        return {"experience_min_years": _("At most 40 years.")}
    return {}


def deadline_errors(*, deadline, today=None) -> dict[str, str]:
    """POL-J-008: a deadline that is set, changed or published must not be in the past (the
    deadline day itself still counts: the job closes at its end). No deadline (상시채용,
    POL-J-006) is never in the past."""
    today = today or timezone.localdate()
    if deadline is not None and deadline < today:
        return {"deadline": _("The deadline is in the past; choose today or a later day.")}
    return {}


def reopen_deadline_errors(*, deadline, today=None) -> dict[str, str]:
    """POL-J-008: a closed job is reopened with a new deadline, today or later."""
    if deadline is None:
        return {"deadline": _("Give the reopened job a new deadline.")}
    return deadline_errors(deadline=deadline, today=today)


def copy_deadline_errors(*, original, today=None) -> dict[str, str]:
    """POL-J-008: a copy does not silently become 상시채용 when the original's deadline has
    passed: the user chooses its deadline — a date, today or later, or 상시채용 explicitly."""
    if deadline_errors(deadline=original, today=today):
        return {
            "deadline": _(
                "The original deadline has passed. Choose the copy's deadline: a date, "
                "or always hiring."
            )
        }
    return {}


def description_errors(*, description: str) -> dict[str, str]:
    """Descriptions are shown to every visitor: at most LONG_TEXT_MAX_CHARS characters."""
    message = too_long(description, LONG_TEXT_MAX_CHARS)
    return {"description": message} if message else {}


def content_errors(
    *,
    salary_mode,
    salary_min,
    salary_max,
    experience,
    experience_min_years,
    experience_max_years,
    description,
    deadline,
    deadline_changed: bool,
) -> dict[str, str]:
    """All content rules of a job being saved; the deadline only when new or changed (an
    unchanged deadline that has since passed does not block other edits)."""
    return {
        **salary_errors(salary_mode=salary_mode, salary_min=salary_min, salary_max=salary_max),
        **experience_errors(
            experience=experience,
            min_years=experience_min_years,
            max_years=experience_max_years,
        ),
        **description_errors(description=description),
        **(deadline_errors(deadline=deadline) if deadline_changed else {}),
    }
