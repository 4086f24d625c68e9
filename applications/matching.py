"""A job's applicants by fit (POL-S-003, ADR 0083): the same pure score as a jobseeker's
recommended jobs, read from the applicant's profile and stored résumés against the job
they applied to.

The score is computed in Python, so the "fit" sort reads the list's (application,
applicant, job) rows once, scores them in a fixed number of queries whatever their number
(no query per applicant), and hands the order back to the database as an annotation: the
applicant list stays a queryset that pages, counts and filters like the other sorts.

What the hiring side may see: the applicant's desired salary is left out (it counts as
unknown, half its weight, for everyone), so neither the score nor its reasons tell a
recruiter what an applicant asks before they say it themselves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.db.models import Case, IntegerField, QuerySet, Value, When

from applications.models import Application
from candidates.matching import seekers_for
from jobs.matching.facts import job_facts
from jobs.matching.score import Fit, fit

FIT_SORT = "fit"  # its key among applications.selectors.APPLICANT_SORTS
# A card shows this many reasons (met ones first, as the score orders them); the API gives
# them all.
CARD_REASONS = 3


def applicant_fits(rows: Iterable[tuple[int, int, int]]) -> dict[int, Fit]:
    """Each application's fit, from (application id, applicant id, job id) rows: two queries
    however many rows (candidates.matching.seekers_for, jobs.matching.facts.job_facts)."""
    rows = list(rows)
    if not rows:
        return {}
    seekers = seekers_for(applicant_id for _pk, applicant_id, _job in rows)
    sheet = job_facts(job_id for _pk, _applicant, job_id in rows)
    return {
        pk: fit(
            replace(seekers[applicant_id], desired_salary=None), sheet.facts[job_id], sheet.names
        )
        for pk, applicant_id, job_id in rows
        if job_id in sheet.facts
    }


def fits_of(applications: Iterable[Application]) -> dict[int, Fit]:
    """applicant_fits of applications already read (a board, an API page)."""
    return applicant_fits((a.pk, a.applicant_id, a.job_id) for a in applications)


def order_by_fit(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Best fit first; among equal scores the newest application first. The applications
    are those of the list (one job's, for the board and the API's `job`), so the work is
    bounded by the job's applicant count."""
    rows = queryset.order_by().values_list("pk", "applicant_id", "job_id")
    fits = applicant_fits(rows)
    by_score: dict[int, list[int]] = {}
    for pk, result in fits.items():
        by_score.setdefault(result.score, []).append(pk)
    score = Case(
        *(When(pk__in=pks, then=Value(value)) for value, pks in sorted(by_score.items())),
        default=Value(-1),
        output_field=IntegerField(),
    )
    return queryset.annotate(fit_score=score).order_by("-fit_score", "-created_at", "-id")
