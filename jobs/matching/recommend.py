"""Recommended jobs for a jobseeker (POL-S-003, ADR 0076): a bounded set of candidates read
through indexes, then scored in Python by the pure fit score.

Candidates are the open jobs that ask for most of the jobseeker's skills (the partial index
on JobMatchSkill, without reading the job table), plus the newest open jobs of the desired
categories (the list's own category index), or, when the jobseeker has said neither, the
newest open jobs. At most SKILL_CANDIDATES + CATEGORY_CANDIDATES jobs are scored, whatever
the size of the table; a request costs eight small queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from jobs.matching.score import Fit, JobFacts, Seeker, fit
from jobs.models import Category, Job, JobMatchSkill, Location, Skill

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


def candidate_ids(seeker: Seeker, skill_ids: list[int], today: date) -> set[int]:
    """The jobs worth scoring: bounded, each part read from an index."""
    ids: set[int] = set()
    if skill_ids:
        rows = (
            JobMatchSkill.objects.filter(_open_rows(today), skill_id__in=skill_ids)
            .values("job_id")
            .annotate(overlap=Count("id"))
            .order_by("-overlap", "-job_id")
        )
        ids |= {row["job_id"] for row in rows[:SKILL_CANDIDATES]}
    newest = Job.objects.filter(Job.open_filter(today)).order_by("-published_at", "-id")
    if seeker.categories:
        in_categories = newest.filter(category__code__in=seeker.categories)
        ids |= set(in_categories.values_list("id", flat=True)[:CATEGORY_CANDIDATES])
    if not ids:
        if seeker.locations:
            newest = newest.filter(location__code__in=seeker.locations)
        ids |= set(newest.values_list("id", flat=True)[:CATEGORY_CANDIDATES])
    return ids


def job_list_recommended(
    seeker: Seeker, *, limit: int = 20, today: date | None = None
) -> list[Recommendation]:
    """The best-fitting open jobs, best first (the newest first among equal scores)."""
    today = today or timezone.localdate()
    skills = dict(Skill.objects.filter(is_active=True).values_list("pk", "code"))
    names = {s.code: s.name for s in Skill.objects.filter(is_active=True)}
    wanted = [pk for pk, code in skills.items() if code in seeker.skills]
    ids = candidate_ids(seeker, wanted, today)
    if not ids:
        return []
    job_skills: dict[int, set[str]] = {}
    for job_id, skill_id in JobMatchSkill.objects.filter(job_id__in=ids).values_list(
        "job_id", "skill_id"
    ):
        if skill_id in skills:
            job_skills.setdefault(job_id, set()).add(skills[skill_id])
    categories = dict(Category.objects.values_list("pk", "code"))
    locations = {loc.pk: loc for loc in Location.objects.all()}
    scored = []
    for row in Job.objects.filter(pk__in=ids).values(*FACT_FIELDS):
        location = locations[row["location_id"]]
        facts = JobFacts(
            id=row["id"],
            skills=frozenset(job_skills.get(row["id"], ())),
            category=categories[row["category_id"]],
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
