"""A jobseeker's recommended jobs (POL-S-003, ADR 0076): the profile and the skills
found in the stored résumés, as the pure fit score reads them, ranked by
jobs.matching.recommend.

Each user's list is cached under a version that every change of their profile or résumés
moves (candidates.signals), so an edit shows at once; jobs that changed since are picked
up within RECOMMENDATIONS_CACHE_SECONDS, and a job closed meanwhile is never shown (the
cards are read as open jobs)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language

from accounts.models import User
from candidates.models import Profile, StoredResume
from candidates.policies import can_view_recommendations
from jobs.matching.recommend import job_list_recommended
from jobs.matching.score import Fit, Seeker
from jobs.models import Job
from jobs.selectors import CARD_FIELDS, CARD_RELATED, attach_skills, job_list_open


@dataclass(frozen=True)
class RecommendedJob:
    job: Job
    fit: Fit


def _version_key(user_id: int) -> str:
    return f"match:profile-version:{user_id}"


def bump_profile_version(user_id: int) -> None:
    """The user's profile or résumés changed: their cached recommendations are stale."""
    cache.set(_version_key(user_id), uuid.uuid4().hex, None)


def seekers_for(user_ids: Iterable[int]) -> dict[int, Seeker]:
    """seeker_for of many users at once (a job's applicants, POL-S-003): five small
    queries whatever their number, read as plain rows (no model objects: a thousand
    applicants' profiles and lists take milliseconds, not seconds); a user without a profile
    is known by the skills of their résumés."""
    ids = set(user_ids)
    profiles = {
        row["user_id"]: row
        for row in Profile.objects.filter(user_id__in=ids).values(
            "user_id", "experience_years", "education", "desired_salary_manwon"
        )
    }
    lists: dict[str, dict[int, set[str]]] = {}
    for name, code in (
        ("skills", "skill__code"),
        ("desired_categories", "category__code"),
        ("desired_locations", "location__code"),
    ):
        through = getattr(Profile, name).through.objects.filter(profile__user_id__in=ids)
        codes: dict[int, set[str]] = lists.setdefault(name, {})
        for user_id, value in through.values_list("profile__user_id", code):
            codes.setdefault(user_id, set()).add(value)
    resumes: dict[int, set[str]] = {}
    rows = StoredResume.skills.through.objects.filter(storedresume__owner_id__in=ids)
    for owner_id, value in rows.values_list("storedresume__owner_id", "skill__code"):
        resumes.setdefault(owner_id, set()).add(value)
    seekers = {}
    for user_id in ids:
        profile = profiles.get(user_id)
        skills = resumes.get(user_id, set()) | lists["skills"].get(user_id, set())
        if profile is None:
            seekers[user_id] = Seeker(skills=frozenset(skills))
            continue
        seekers[user_id] = Seeker(
            skills=frozenset(skills),
            categories=frozenset(lists["desired_categories"].get(user_id, ())),
            locations=frozenset(lists["desired_locations"].get(user_id, ())),
            experience_years=profile["experience_years"],
            education=profile["education"] or None,
            desired_salary=profile["desired_salary_manwon"],
        )
    return seekers


def seeker_for(user: User) -> Seeker:
    """What matching knows of the user: the profile's fields and lists, and the skills of
    every stored résumé. Three small queries."""
    profile = (
        Profile.objects.filter(user=user)
        .prefetch_related("desired_categories", "desired_locations", "skills")
        .first()
    )
    resume_skills = set(
        StoredResume.skills.through.objects.filter(storedresume__owner=user).values_list(
            "skill__code", flat=True
        )
    )
    if profile is None:
        return Seeker(skills=frozenset(resume_skills))
    return Seeker(
        skills=frozenset({s.code for s in profile.skills.all()} | resume_skills),
        categories=frozenset(c.code for c in profile.desired_categories.all()),
        locations=frozenset(loc.code for loc in profile.desired_locations.all()),
        experience_years=profile.experience_years,
        education=profile.education or None,
        desired_salary=profile.desired_salary_manwon,
    )


def recommendation_list(*, user: User, limit: int = 10) -> list[RecommendedJob]:
    """The user's best-fitting open jobs with their reasons, best first."""
    version = cache.get(_version_key(user.pk), "")
    key = f"match:recommendations:{user.pk}:{version}:{limit}:{get_language()}"
    ranked: list[tuple[int, Fit]] | None = cache.get(key)
    if ranked is None:
        found = job_list_recommended(seeker_for(user), limit=limit)
        ranked = [(r.job_id, r.fit) for r in found]
        cache.set(key, ranked, settings.RECOMMENDATIONS_CACHE_SECONDS)
    if not ranked:
        return []
    cards = job_list_open().filter(pk__in=[job_id for job_id, _fit in ranked])
    jobs = {job.pk: job for job in cards.select_related(*CARD_RELATED).only(*CARD_FIELDS)}
    attach_skills(list(jobs.values()))
    return [RecommendedJob(jobs[job_id], fit) for job_id, fit in ranked if job_id in jobs]


HOME_RECOMMENDATIONS = 6


def home_recommendations(request: HttpRequest) -> list[RecommendedJob]:
    """추천 채용공고 on the home page, for whoever may see recommendations (POL-S-003)."""
    user = request.user
    if not isinstance(user, User) or not can_view_recommendations(user):
        return []
    return recommendation_list(user=user, limit=HOME_RECOMMENDATIONS)
