"""The skills each job asks for, kept ready for matching (POL-S-003, ADR 0076): rewritten
when a job is saved or retagged, so recommendations read rows and never analyse text."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.cache import cache
from django.db import transaction

from jobs.matching.skills import SkillVocabulary

VERSION_KEY = "matching:vocabulary-version"
# Historical models (the migration's) and the real ones alike: typed loosely on purpose.
Model = Any
_loaded: dict[str, Any] = {"version": None, "vocabulary": None}


def bump_vocabulary() -> None:
    """The skills list or a synonym changed: every process rebuilds its vocabulary. (Jobs
    already stored keep their skills until `manage.py match_reindex`.)"""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def vocabulary() -> SkillVocabulary:
    """The active skills and synonyms as a vocabulary, built once per process and version."""
    from jobs.models import SearchSynonym, Skill  # noqa: PLC0415 - models import this package

    version = cache.get(VERSION_KEY, "")
    if _loaded["version"] != version or _loaded["vocabulary"] is None:
        _loaded.update(version=version, vocabulary=load_vocabulary(Skill, SearchSynonym))
    loaded: SkillVocabulary = _loaded["vocabulary"]
    return loaded


def load_vocabulary(skill_model: Model, synonym_model: Model) -> SkillVocabulary:
    """The active skills and synonyms from the database (models as parameters: the
    migration passes its historical ones)."""
    skills = [
        (code, (ko, en))
        for code, ko, en in skill_model.objects.filter(is_active=True).values_list(
            "code", "name_ko", "name_en"
        )
    ]
    groups = [
        [t.strip() for t in row.split(",") if t.strip()]
        for row in synonym_model.objects.filter(is_active=True).values_list("terms", flat=True)
    ]
    return SkillVocabulary.build(skills, groups)


def extract_skills(text: str) -> set[str]:
    """The codes of the skills a text names (a job ad, a résumé)."""
    return vocabulary().extract(text) if text else set()


def job_match_skills_refresh(jobs: Iterable[Any]) -> None:
    """Rewrites the matching rows of these jobs from their tags, title and description."""
    from jobs.models import Job, JobMatchSkill, Skill  # noqa: PLC0415

    write_match_rows(
        list(jobs), vocabulary(), job_model=Job, row_model=JobMatchSkill, skill_model=Skill
    )


def write_all_match_rows(
    vocabulary: SkillVocabulary,
    *,
    job_model: Model,
    row_model: Model,
    skill_model: Model,
    batch: int = 2000,
) -> Iterator[int]:
    """Rewrites the rows of every job, in batches by primary key (constant memory at any
    size); yields the number done after each batch."""
    jobs = job_model.objects.only("id", "title", "description", "status", "deadline")
    done, last = 0, 0
    while rows := list(jobs.filter(pk__gt=last).order_by("pk")[:batch]):
        write_match_rows(
            rows, vocabulary, job_model=job_model, row_model=row_model, skill_model=skill_model
        )
        done, last = done + len(rows), rows[-1].pk
        yield done


def active_skill_ids(skill_model: Model) -> dict[str, int]:
    """code → id of the skills matching may find in text (the active ones)."""
    return dict(skill_model.objects.filter(is_active=True).values_list("code", "pk"))


def match_rows_of(
    job: Any, tagged: set[int], vocabulary: SkillVocabulary, ids: dict[str, int]
) -> list[dict[str, Any]]:
    """One job's rows as field values, by skill id: its tags (`tagged`, skill ids) and the
    active skills (`ids`) its title and description name. The one rule, for a saved job and
    for the seeder's jobs still in memory (ADR 0086)."""
    found = {ids[c] for c in vocabulary.extract(f"{job.title}\n{job.description}") if c in ids}
    return [
        {
            "job_id": job.pk,
            "skill_id": skill_id,
            "tagged": skill_id in tagged,
            "published": job.status == "published",
            "deadline": job.deadline,
        }
        for skill_id in sorted(tagged | found)
    ]


def write_match_rows(
    jobs: list[Any],
    vocabulary: SkillVocabulary,
    *,
    job_model: Model,
    row_model: Model,
    skill_model: Model,
) -> None:
    """The rows for `jobs`, replacing theirs. The models are parameters so that the migration
    that fills the table for existing jobs runs this same code on its historical models."""
    if not jobs:
        return
    ids = active_skill_ids(skill_model)
    job_ids = [j.pk for j in jobs]
    tagged: dict[int, set[int]] = {}
    through = job_model.skills.through.objects.filter(job_id__in=job_ids)
    for job_id, skill_id in through.values_list("job_id", "skill_id"):
        tagged.setdefault(job_id, set()).add(skill_id)
    rows = [
        row_model(**row)
        for job in jobs
        for row in match_rows_of(job, tagged.get(job.pk, set()), vocabulary, ids)
    ]
    with transaction.atomic():
        row_model.objects.filter(job_id__in=job_ids).delete()
        row_model.objects.bulk_create(rows, batch_size=2000)
