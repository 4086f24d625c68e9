"""Recommended jobs for a jobseeker (POL-S-003, ADR 0076): a bounded set of candidates read
through indexes, then scored in Python by the pure fit score.

Candidates are the open jobs that ask for most of the jobseeker's skills (the partial index
on JobMatchSkill, without reading the job table), plus the newest open jobs of the desired
categories (the list's own category index), or, when the jobseeker has said neither, the
newest open jobs. At most SKILL_CANDIDATES + CATEGORY_CANDIDATES jobs are scored, whatever
the size of the table; a request costs eight small queries."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import get_language

from jobs.matching.score import Fit, JobFacts, Seeker, fit, score
from jobs.models import Category, Job, JobMatchSkill, Location, Skill
from jobs.selectors import REFERENCE_SECONDS

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


@dataclass(frozen=True)
class _Reference:
    """The lists every call reads: skill, category and location codes by primary key and
    the skills' and locations' names in both languages."""

    skills: dict[int, str]  # active skills only, as the vocabulary
    skill_names: dict[str, tuple[str, str]]  # code: (Korean, English)
    categories: dict[int, str]
    locations: dict[int, tuple[str, str, str]]  # pk: (code, Korean, English)


_reference: dict[str, tuple[float, _Reference]] = {}


def _load_reference() -> _Reference:
    skills = Skill.objects.filter(is_active=True).values_list("pk", "code", "name_ko", "name_en")
    return _Reference(
        skills={pk: code for pk, code, _ko, _en in skills},
        skill_names={code: (ko, en) for _pk, code, ko, en in skills},
        categories=dict(Category.objects.values_list("pk", "code")),
        locations={
            pk: (code, ko, en)
            for pk, code, ko, en in Location.objects.values_list("pk", "code", "name_ko", "name_en")
        },
    )


def reference(*, fresh: bool = False) -> _Reference:
    """The reference lists, kept by each process for REFERENCE_SECONDS like the filter
    choices (jobs.selectors.reference_list_active) and dropped at once by an edit in this
    process (jobs.signals); `fresh` reloads them (a job naming a row added meanwhile)."""
    now = time.monotonic()
    held = _reference.get("lists")
    if fresh or held is None or now - held[0] > REFERENCE_SECONDS:
        held = (now, _load_reference())
        _reference["lists"] = held
    return held[1]


def forget_reference() -> None:
    _reference.clear()


def _facts(ids: set[int], lists: _Reference) -> list[tuple[JobFacts, datetime]]:
    """The candidates as the score reads them, with their publication times."""
    job_skills: dict[int, set[str]] = {}
    rows = JobMatchSkill.objects.filter(job_id__in=ids).values_list("job_id", "skill_id")
    for job_id, skill_id in rows:
        if skill_id in lists.skills:
            job_skills.setdefault(job_id, set()).add(lists.skills[skill_id])
    jobs = list(Job.objects.filter(pk__in=ids).values_list(*FACT_FIELDS))
    if any(row[1] not in lists.categories or row[2] not in lists.locations for row in jobs):
        lists = reference(fresh=True)
    ko = not (get_language() or "ko").startswith("en")
    found = []
    for pk, category, location, *conditions, published_at in jobs:
        code, name_ko, name_en = lists.locations[location]
        facts = JobFacts(
            pk,
            frozenset(job_skills.get(pk, ())),
            lists.categories[category],
            code,
            name_ko if ko else name_en,
            *conditions,
        )
        found.append((facts, published_at))
    return found


def job_list_recommended(
    seeker: Seeker, *, limit: int = 20, today: date | None = None
) -> list[Recommendation]:
    """The best-fitting open jobs, best first (the newest first among equal scores). Every
    candidate is ranked by its score alone; only the jobs returned get their reasons."""
    today = today or timezone.localdate()
    lists = reference()
    wanted = [pk for pk, code in lists.skills.items() if code in seeker.skills]
    ids = candidate_ids(seeker, wanted, today)
    if not ids:
        return []
    scored = [
        (score(seeker, facts), published_at, facts) for facts, published_at in _facts(ids, lists)
    ]
    scored.sort(key=lambda item: (item[0], item[1], item[2].id), reverse=True)
    en = (get_language() or "ko").startswith("en")
    names = {code: pair[en] for code, pair in lists.skill_names.items()}
    return [Recommendation(facts.id, fit(seeker, facts, names)) for _s, _p, facts in scored[:limit]]
