"""What the fit score reads of given jobs, whatever their state (POL-S-003): a job's
applicants fit it or not after it closed too (applications.matching, ADR 0083)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from jobs.matching.recommend import facts_of, skill_names
from jobs.matching.score import JobFacts


@dataclass(frozen=True)
class FactSheet:
    """The jobs' facts by id, and the skill names their reasons print."""

    facts: dict[int, JobFacts]
    names: dict[str, str]


def job_facts(job_ids: Iterable[int]) -> FactSheet:
    """One query however many jobs (jobs.matching.recommend.facts_of); the skill names are
    the process's reference lists."""
    facts = {found.id: found for found, _published in facts_of(Q(pk__in=set(job_ids)))}
    return FactSheet(facts, skill_names())
