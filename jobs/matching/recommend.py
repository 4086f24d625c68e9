"""Recommended jobs for a jobseeker (POL-S-003, ADR 0076): a bounded set of candidates read
through indexes, then scored in Python by the pure fit score.

Candidates are the open jobs sharing most of the jobseeker's skills among each skill's
newest open jobs (the partial index on JobMatchSkill, without reading the job table), plus
the newest open jobs of the desired categories where the jobseeker can work (a desired
location, or remote), or, when the jobseeker has said neither, the newest open jobs (of
the desired locations, if any). At most SKILL_CANDIDATES + CATEGORY_CANDIDATES jobs are
scored and at most SKILL_WINDOW index entries read per skill, whatever the size of the
table. A call costs one query (two when neither skills nor categories find a job): the
candidate sets are subqueries of the statement that reads their facts and skills (the
reference lists are kept per process; issue 17's budget of 4 queries per page). Every
candidate is ranked by its score alone and only the jobs returned get their reasons
written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from jobboard.json_rows import json_array
from jobs.matching.score import Fit, JobFacts, Seeker, fit, score
from jobs.models import Category, Job, JobMatchSkill, Location, Skill
from jobs.selectors import forget_reference_rows, reference_rows

SKILL_CANDIDATES = 400
SKILL_WINDOW = 2500
CATEGORY_CANDIDATES = 150
# What the score reads of a job (JobFacts' fields, as columns); a row of them is followed
# by the job's skill ids (facts_from).
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
)


@dataclass(frozen=True)
class Recommendation:
    job_id: int
    fit: Fit


@dataclass(frozen=True)
class _Reference:
    """The lists every call reads: skill, category and location codes by primary key and
    the skills' and locations' names in both languages."""

    skills: dict[int, str]  # active skills only, as the vocabulary
    skill_names: dict[str, tuple[str, str]]  # code: (Korean, English)
    categories: dict[int, str]
    locations: dict[int, tuple[str, str, str]]  # pk: (code, Korean, English)


# The lists matching derives from the process's reference rows (jobs.selectors), rebuilt
# when those rows are read again; the held rows are the key.
_derived: dict[str, tuple[tuple[list[Any], ...], _Reference]] = {}


def reference(*, fresh: bool = False) -> _Reference:
    """The reference lists, from the rows each process keeps for REFERENCE_SECONDS like the
    filter choices (jobs.selectors.reference_rows), dropped at once by an edit in this
    process (jobs.signals); `fresh` reloads them (a job naming a row added meanwhile)."""
    if fresh:
        forget_reference_rows()
    rows = (
        reference_rows(Skill),
        reference_rows(Category, active_only=False),
        reference_rows(Location, active_only=False),
    )
    held = _derived.get("lists")
    if held is None or any(new is not old for new, old in zip(rows, held[0], strict=True)):
        skills, categories, locations = rows
        held = (
            rows,
            _Reference(
                skills={s.pk: s.code for s in skills},
                skill_names={s.code: (s.name_ko, s.name_en) for s in skills},
                categories={c.pk: c.code for c in categories},
                locations={loc.pk: (loc.code, loc.name_ko, loc.name_en) for loc in locations},
            ),
        )
        _derived["lists"] = held
    return held[1]


def skill_names() -> dict[str, str]:
    """Each skill's name in the active language, as the reasons print it."""
    en = (get_language() or "ko").startswith("en")
    return {code: pair[en] for code, pair in reference().skill_names.items()}


def _open_rows(today: date) -> Q:
    return Q(published=True) & (Q(deadline__isnull=True) | Q(deadline__gte=today))


def _newest(
    seeker: Seeker, lists: _Reference, today: date, *, categories: bool
) -> QuerySet[Job, int]:
    """The newest open jobs' ids, of the desired categories (where the jobseeker can work:
    what the score weighs next) or else of the desired locations, through the job list's
    own partial indexes (primary keys from the reference lists, no join)."""
    newest = Job.objects.filter(Job.open_filter(today)).order_by("-published_at", "-id")
    locations = [pk for pk, row in lists.locations.items() if row[0] in seeker.locations]
    if categories:
        wanted = [pk for pk, code in lists.categories.items() if code in seeker.categories]
        newest = newest.filter(category_id__in=wanted)
        if seeker.locations:
            newest = newest.filter(Q(location_id__in=locations) | Q(remote=True))
    elif seeker.locations:
        newest = newest.filter(location_id__in=locations)
    return newest.values_list("id", flat=True)[:CATEGORY_CANDIDATES]


def skill_candidates(skill_ids: list[int], today: date) -> QuerySet[JobMatchSkill, int]:
    """The ids of the SKILL_CANDIDATES jobs sharing most of these skills among each skill's
    SKILL_WINDOW newest open jobs, the newest first among equal overlaps, as a subquery of
    the facts' one query (issue 17's budget). A skill's window is its rows from the
    SKILL_WINDOW-th newest on: that bound is one backward read of the partial index
    `jobs_matchskill_newest` that stops early, and the overlap is counted over the windows
    alone, so the cost does not grow with how many jobs ask for a common skill (Excel:
    28,000 open jobs at 100,000)."""
    open_rows = JobMatchSkill.objects.filter(_open_rows(today))
    in_windows = Q(pk__in=[])
    for skill_id in sorted(skill_ids):
        newest = open_rows.filter(skill_id=skill_id).order_by("-job_id").values("job_id")
        window_start = Coalesce(Subquery(newest[SKILL_WINDOW - 1 : SKILL_WINDOW]), Value(0))
        in_windows |= Q(skill_id=skill_id, job_id__gte=window_start)
    return (
        open_rows.filter(in_windows)
        .values("job_id")
        .annotate(overlap=Count("job_id"))
        .order_by("-overlap", "-job_id")
        .values_list("job_id", flat=True)[:SKILL_CANDIDATES]
    )


Candidates = QuerySet[Any, int]  # a subquery of job ids


def candidate_sets(
    seeker: Seeker, skill_ids: list[int], today: date, lists: _Reference
) -> list[Candidates]:
    """The jobs worth scoring: bounded, each set read from an index."""
    sets: list[Candidates] = [skill_candidates(skill_ids, today)] if skill_ids else []
    if seeker.categories:
        sets.append(_newest(seeker, lists, today, categories=True))
    return sets


def facts_of(chosen: Q) -> list[tuple[JobFacts, datetime]]:
    """The chosen jobs as the score reads them, with their publication times: one query,
    each job's skills as an array in its row."""
    rows = list(
        Job.objects.filter(chosen)
        .annotate(skill_ids=job_skill_ids("pk"))
        .values_list(*FACT_FIELDS, "skill_ids", "published_at")
    )
    facts = facts_from([row[:-1] for row in rows])
    return [(found, row[-1]) for found, row in zip(facts, rows, strict=True)]


def job_skill_ids(job: str) -> BaseExpression:
    """The matching skills' ids of the job a row holds (`job`: its id's field, or "pk" in a
    job's own row), as one array in the row."""
    return json_array(JobMatchSkill.objects.filter(job=OuterRef(job)), F("skill_id"))


def facts_from(rows: Sequence[Sequence[Any]]) -> list[JobFacts]:
    """JobFacts of rows of FACT_FIELDS followed by the job's skill ids (job_skill_ids),
    in their order, without a query: the codes and names come from the reference lists,
    read again when a job names a category or location added since they were (the facts
    of jobs whatever their state: a job's applicants fit it after it closed too,
    applications.matching)."""
    if not rows:
        return []
    lists = reference()
    if any(row[1] not in lists.categories or row[2] not in lists.locations for row in rows):
        lists = reference(fresh=True)  # a job names a row added since the copy was read
    ko = not (get_language() or "ko").startswith("en")
    found = []
    for pk, category, location, *conditions, skills in rows:
        code, name_ko, name_en = lists.locations[location]
        found.append(
            JobFacts(
                pk,
                frozenset(lists.skills[s] for s in skills or () if s in lists.skills),
                lists.categories[category],
                code,
                name_ko if ko else name_en,
                *conditions,
            )
        )
    return found


def candidate_facts(candidates: list[Candidates]) -> list[tuple[JobFacts, datetime]]:
    """The candidates of every set, in one query. On PostgreSQL the sets are one UNION ALL
    (`pk IN a OR pk IN b` made it scan every job to test both); SQLite cannot order and
    limit inside a compound, and its embedded tables are small."""
    if not candidates:
        return []
    if len(candidates) > 1 and connection.features.supports_slicing_ordering_in_compound:
        return facts_of(Q(pk__in=candidates[0].union(*candidates[1:], all=True)))
    chosen = Q(pk__in=[])
    for ids in candidates:
        chosen |= Q(pk__in=ids)
    return facts_of(chosen)


def candidate_ids(seeker: Seeker, skill_ids: list[int], today: date) -> set[int]:
    """The ids of the jobs scored for this jobseeker (the benchmark counts them)."""
    lists = reference()
    ids: set[int] = set()
    for candidates in candidate_sets(seeker, skill_ids, today, lists):
        ids |= set(Job.objects.filter(pk__in=candidates).values_list("id", flat=True))
    return ids or set(_newest(seeker, lists, today, categories=False))


def job_list_recommended(
    seeker: Seeker, *, limit: int = 20, today: date | None = None
) -> list[Recommendation]:
    """The best-fitting open jobs, best first (the newest first among equal scores). Every
    candidate is ranked by its score alone; only the jobs returned get their reasons."""
    today = today or timezone.localdate()
    lists = reference()
    wanted = [pk for pk, code in lists.skills.items() if code in seeker.skills]
    found = candidate_facts(candidate_sets(seeker, wanted, today, lists))
    if not found:  # nothing shares a skill or a category: the newest jobs
        found = candidate_facts([_newest(seeker, lists, today, categories=False)])
    scored = [(score(seeker, facts), published_at, facts) for facts, published_at in found]
    scored.sort(key=lambda item: (item[0], item[1], item[2].id), reverse=True)
    names = skill_names()
    return [Recommendation(facts.id, fit(seeker, facts, names)) for _s, _p, facts in scored[:limit]]
