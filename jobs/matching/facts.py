"""What the fit score reads of given jobs, whatever their state (POL-S-003): a job's
applicants fit it or not after it closed too (applications.matching, ADR 0083)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F

from jobs.matching.recommend import FACT_FIELDS
from jobs.matching.score import JobFacts
from jobs.models import Job, JobMatchSkill, Location, Skill

# The facts read as they are stored (the rest are joined or derived).
PLAIN_FIELDS = tuple(
    name for name in FACT_FIELDS if name not in {"id", "category_id", "location_id", "published_at"}
)


@dataclass(frozen=True)
class FactSheet:
    """The jobs' facts by id, and the skill names their reasons print."""

    facts: dict[int, JobFacts]
    names: dict[str, str]


def job_facts(job_ids: Iterable[int]) -> FactSheet:
    """Three small queries however many jobs: the active skills, the jobs' skill rows, the
    jobs with their category and location."""
    ids = set(job_ids)
    active = list(Skill.objects.filter(is_active=True))
    codes = {skill.pk: skill.code for skill in active}
    job_skills: dict[int, set[str]] = {}
    rows = JobMatchSkill.objects.filter(job_id__in=ids).values_list("job_id", "skill_id")
    for job_id, skill_id in rows:
        if skill_id in codes:
            job_skills.setdefault(job_id, set()).add(codes[skill_id])
    facts = {}
    for row in Job.objects.filter(pk__in=ids).values(
        "id",
        *PLAIN_FIELDS,
        category_code=F("category__code"),
        location_code=F("location__code"),
        location_name_ko=F("location__name_ko"),
        location_name_en=F("location__name_en"),
    ):
        place = Location(
            code=row["location_code"],
            name_ko=row["location_name_ko"],
            name_en=row["location_name_en"],
        )
        facts[row["id"]] = JobFacts(
            id=row["id"],
            skills=frozenset(job_skills.get(row["id"], ())),
            category=row["category_code"],
            location=place.code,
            location_name=place.name,
            **{name: row[name] for name in PLAIN_FIELDS},
        )
    return FactSheet(facts, {skill.code: skill.name for skill in active})
