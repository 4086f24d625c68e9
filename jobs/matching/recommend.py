"""Recommended jobs for a jobseeker (POL-S-003, ADR 0076): a bounded set of candidates read
through indexes, then scored in Python by the pure fit score.

Candidates are the open jobs that ask for most of the jobseeker's skills (the partial index
on JobMatchSkill, without reading the job table), plus the newest open jobs of the desired
categories (the list's own category index), or, when the jobseeker has said neither, the
newest open jobs. At most SKILL_CANDIDATES + CATEGORY_CANDIDATES jobs are scored, whatever
the size of the table; the candidates come with their facts in one query (issue 17's
budget of 4 queries per page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet
from django.utils import timezone

from jobboard.json_rows import json_array
from jobs.matching.score import Fit, JobFacts, Seeker, fit
from jobs.models import Job, JobMatchSkill, Location, Skill
from jobs.selectors import reference_list_active

SKILL_CANDIDATES = 300
CATEGORY_CANDIDATES = 150
FACT_FIELDS = (
    "id",
    "category_id",
    "location_id",
    "remote",
    "experience",
    "experience_min_years",
    "experience_max_years",
    "education",
    "salary_mode",
    "salary_min",
    "salary_max",
    "published_at",
)


@dataclass(frozen=True)
class Recommendation:
    job_id: int
    fit: Fit


def _open_rows(today: date) -> Q:
    return Q(published=True) & (Q(deadline__isnull=True) | Q(deadline__gte=today))


def candidate_ids(seeker: Seeker, skill_ids: list[int], today: date) -> list[QuerySet[Any]]:
    """The jobs worth scoring, as id subqueries each read from an index and bounded: the
    open jobs asking for most of the seeker's skills, the newest of the desired categories
    (empty: the caller falls back to fallback_ids)."""
    parts: list[QuerySet[Any]] = []
    if skill_ids:
        rows = (
            JobMatchSkill.objects.filter(_open_rows(today), skill_id__in=skill_ids)
            .values("job_id")
            .annotate(overlap=Count("id"))
            .order_by("-overlap", "-job_id")
            .values("job_id")
        )
        parts.append(rows[:SKILL_CANDIDATES])
    if seeker.categories:
        in_categories = _newest(today).filter(category__code__in=seeker.categories)
        parts.append(in_categories.values("id")[:CATEGORY_CANDIDATES])
    return parts


def fallback_ids(seeker: Seeker, today: date) -> QuerySet[Any]:
    """When neither skills nor categories find a job: the newest open jobs (in the desired
    locations, if any)."""
    newest = _newest(today)
    if seeker.locations:
        newest = newest.filter(location__code__in=seeker.locations)
    return newest.values("id")[:CATEGORY_CANDIDATES]


def _newest(today: date) -> QuerySet[Job]:
    return Job.objects.filter(Job.open_filter(today)).order_by("-published_at", "-id")


def _facts(ids: list[QuerySet[Any]]) -> list[dict[str, Any]]:
    """The candidates' facts, each with its category, location and matching skills, read
    with the candidates themselves: one query."""
    chosen = Q()
    for part in ids:
        chosen |= Q(pk__in=part)
    skills = JobMatchSkill.objects.filter(job=OuterRef("pk"))
    rows = Job.objects.filter(chosen).values(
        *FACT_FIELDS,
        category_code=F("category__code"),
        location_code=F("location__code"),
        location_name_ko=F("location__name_ko"),
        location_name_en=F("location__name_en"),
        skill_ids=json_array(skills, F("skill_id")),
    )
    return list(rows)


def candidate_facts(seeker: Seeker, today: date) -> list[dict[str, Any]]:
    """The candidates with their facts: one query, two when neither the skills nor the
    categories find a job."""
    active: list[Skill] = reference_list_active(Skill)
    wanted = [s.pk for s in active if s.code in seeker.skills]
    parts = candidate_ids(seeker, wanted, today)
    rows = _facts(parts) if parts else []
    return rows or _facts([fallback_ids(seeker, today)])


def job_list_recommended(
    seeker: Seeker, *, limit: int = 20, today: date | None = None
) -> list[Recommendation]:
    """The best-fitting open jobs, best first (the newest first among equal scores). One
    query (two when neither skills nor categories find a job); the active skills are the
    process's reference rows (jobs.selectors.reference_list_active)."""
    today = today or timezone.localdate()
    active: list[Skill] = reference_list_active(Skill)
    skills = {s.pk: s.code for s in active}
    names = {s.code: s.name for s in active}
    scored = []
    for row in candidate_facts(seeker, today):
        location = Location(
            code=row["location_code"],
            name_ko=row["location_name_ko"],
            name_en=row["location_name_en"],
        )
        facts = JobFacts(
            id=row["id"],
            skills=frozenset(skills[pk] for pk in row["skill_ids"] or () if pk in skills),
            category=row["category_code"],
            location=location.code,
            location_name=location.name,
            remote=row["remote"],
            experience=row["experience"],
            experience_min_years=row["experience_min_years"],
            experience_max_years=row["experience_max_years"],
            education=row["education"],
            salary_mode=row["salary_mode"],
            salary_min=row["salary_min"],
            salary_max=row["salary_max"],
        )
        scored.append((fit(seeker, facts, names), row["published_at"], row["id"]))
    scored.sort(key=lambda item: (item[0].score, item[1], item[2]), reverse=True)
    return [Recommendation(job_id, result) for result, _published, job_id in scored[:limit]]
