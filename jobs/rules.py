"""Rules across a job's fields (POL-J-004, POL-J-006), one implementation each. The form,
the API serializer and jobs.services all call these; the database checks them again.

Each returns {field: message} — empty when the values are fine — so a form can put every
message on its field and the API can answer them all at once."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import Experience, SalaryMode

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
    """경력 needs a minimum (and an optional maximum not below it); 신입 and 경력무관 take no
    years."""
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
