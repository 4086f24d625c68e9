"""A job's applicants by fit (POL-S-003, ADR 0083): the same pure score as a jobseeker's
recommended jobs, read from the applicant's profile and stored résumés against the job
they applied to.

The score is computed in Python from what each application's row carries: its applicant's
profile lists and its job's facts as arrays and columns of the row (with_fit_inputs, ADR
0090), so a list's fits cost no query of their own. The "fit" sort ranks the whole list by
score alone from one read of those rows and hands the order back to the database as an
annotation: the applicant list stays a queryset that pages, counts and filters like the
other sorts, and only the rows shown get their reasons written (issue 17's budget of 4
queries a request: a fit-sorted page is sign-in, this read, and the page's own reads).

What the hiring side may see: the applicant's desired salary is left out (it counts as
unknown, half its weight, for everyone), so neither the score nor its reasons tell a
recruiter what an applicant asks before they say it themselves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from applications.models import Application
from candidates.matching import seeker_of, seeker_values
from jobs.matching.facts import job_fact_values, job_facts_of
from jobs.matching.recommend import skill_names
from jobs.matching.score import Fit, Seeker, fit, score

FIT_SORT = "fit"  # its key among applications.selectors.APPLICANT_SORTS
# A card shows this many reasons (met ones first, as the score orders them); the API gives
# them all.
CARD_REASONS = 3


def fit_inputs() -> dict[str, Any]:
    """What an application's fit reads, as expressions over its row: the applicant's
    (candidates.matching.seeker_values) and the job's (jobs.matching.facts.job_fact_values)."""
    return {**seeker_values("applicant"), **job_fact_values("job")}


def with_fit_inputs(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """The applications with what their fit reads, so fits_of them costs no query."""
    inputs = fit_inputs()
    if set(inputs) <= set(queryset.query.annotations):
        return queryset
    return queryset.annotate(**inputs)


def _hiring_side(seeker: Seeker) -> Seeker:
    """The applicant as the job's side may judge them: without the desired salary."""
    return replace(seeker, desired_salary=None)


def _fits(rows: list[tuple[int, Mapping[str, Any]]]) -> dict[int, Fit]:
    """Each application's fit with its reasons, from (id, row carrying its inputs) pairs."""
    facts = job_facts_of(row for _pk, row in rows)
    names = skill_names()
    return {
        pk: fit(_hiring_side(seeker_of(row)), facts[row["job_fact_id"]], names) for pk, row in rows
    }


def fits_of(applications: Iterable[Application]) -> dict[int, Fit]:
    """The fits of applications already read (a board, an API page): no query when they were
    read with_fit_inputs (their inputs are attributes), else one for them all."""
    applications = list(applications)
    if all(hasattr(a, "job_fact_id") for a in applications):
        return _fits([(a.pk, vars(a)) for a in applications])
    ids = [a.pk for a in applications]
    rows = with_fit_inputs(Application.objects.filter(pk__in=ids)).values("pk", *fit_inputs())
    return _fits([(row["pk"], row) for row in rows])


def order_by_fit(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Best fit first; among equal scores the newest application first. The applications
    are those of the list (one job's, for the board and the API's `job`), so the work is
    bounded by the job's applicant count: one read of the list's inputs, each scored
    without its words (jobs.matching.score.score). The rows come with their inputs, so
    the page's cards get their reasons from the page's own read."""
    queryset = with_fit_inputs(queryset)
    rows = list(queryset.order_by().values("pk", *fit_inputs()))
    facts = job_facts_of(rows)
    by_score: dict[int, list[int]] = {}
    for row in rows:
        value = score(_hiring_side(seeker_of(row)), facts[row["job_fact_id"]])
        by_score.setdefault(value, []).append(row["pk"])
    fit_score = Case(
        *(When(pk__in=pks, then=Value(value)) for value, pks in sorted(by_score.items())),
        default=Value(-1),
        output_field=IntegerField(),
    )
    return queryset.annotate(fit_score=fit_score).order_by("-fit_score", "-created_at", "-id")
