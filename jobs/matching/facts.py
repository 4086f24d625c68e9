"""What the fit score reads of the job a row holds, whatever the job's state (POL-S-003): a
job's applicants fit it or not after it closed too (applications.matching, ADR 0083).

The facts ride in the row itself (an application's job columns and its skills as one array,
ADR 0090), so scoring a list costs no query of its own (issue 17's budget)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import F

from jobs.matching.recommend import FACT_FIELDS, facts_from, job_skill_ids
from jobs.matching.score import JobFacts

_PREFIX = "job_fact_"
_KEYS = (*(_PREFIX + name for name in FACT_FIELDS), _PREFIX + "skill_ids")


def job_fact_values(job: str) -> dict[str, Any]:
    """The job's facts as expressions over a row that holds the job (`job` names the
    relation, e.g. "job" for an application), keyed `job_fact_…`: job_facts_of reads them
    back."""
    values: dict[str, Any] = {_PREFIX + name: F(f"{job}__{name}") for name in FACT_FIELDS}
    values[_PREFIX + "skill_ids"] = job_skill_ids(job)
    return values


def job_facts_of(rows: Iterable[Mapping[str, Any]]) -> dict[int, JobFacts]:
    """The facts of the jobs of rows read with job_fact_values (values() dicts, or the
    `vars()` of annotated instances), by job id, without a query."""
    by_job = {row[_KEYS[0]]: tuple(row[key] for key in _KEYS) for row in rows}
    return {found.id: found for found in facts_from(list(by_job.values()))}
