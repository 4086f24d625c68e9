"""The rules of a job's content, each in one function (POL-J-004, POL-J-008). The form, the
API serializer and the service all call these, so a rule has one wording in every language;
the database keeps its own check constraints as the last guard.

Each returns the problems it finds as {field: message} ({} when all is well), so a form adds
them as field errors, a serializer raises them, and a service raises the first."""

from django.utils import timezone
from django.utils.translation import gettext as _

from jobboard.limits import LONG_TEXT_MAX_CHARS


def salary_errors(*, salary_min: int | None, salary_max: int | None) -> dict[str, str]:
    """POL-J-004: a salary range in KRW with salary_min ≤ salary_max (either may be open).
    Salary modes (회사 내규에 따름, 면접 후 결정) extend this function, not its callers."""
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        return {"salary_max": _("The maximum salary must be at least the minimum.")}
    return {}


def deadline_errors(*, deadline, today=None) -> dict[str, str]:
    """POL-J-008: a deadline that is set, changed or published must not be in the past (the
    deadline day itself still counts: the job closes at its end)."""
    today = today or timezone.localdate()
    if deadline is not None and deadline < today:
        return {"deadline": _("The deadline is in the past; choose today or a later day.")}
    return {}


def reopen_deadline_errors(*, deadline, today=None) -> dict[str, str]:
    """POL-J-008: a closed job is reopened with a new deadline, today or later."""
    if deadline is None:
        return {"deadline": _("Give the reopened job a new deadline.")}
    return deadline_errors(deadline=deadline, today=today)


def description_errors(*, description: str) -> dict[str, str]:
    """Descriptions are shown to every visitor: at most LONG_TEXT_MAX_CHARS characters."""
    if len(description or "") > LONG_TEXT_MAX_CHARS:
        return {
            "description": _("Keep the description to %(limit)s characters (it has %(count)s).")
            % {"limit": f"{LONG_TEXT_MAX_CHARS:,}", "count": f"{len(description):,}"}
        }
    return {}


def content_errors(
    *, salary_min, salary_max, description, deadline, deadline_changed: bool
) -> dict[str, str]:
    """All content rules of a job being saved; the deadline only when new or changed (an
    unchanged deadline that has since passed does not block other edits)."""
    return {
        **salary_errors(salary_min=salary_min, salary_max=salary_max),
        **description_errors(description=description),
        **(deadline_errors(deadline=deadline) if deadline_changed else {}),
    }
