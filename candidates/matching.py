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


def seeker_for(user: User) -> Seeker:
    """What matching knows of the user: the profile's fields and lists, and the skills of
    every stored résumé."""
    return seekers_for([user.pk])[user.pk]


def seekers_for(user_ids: Iterable[int]) -> dict[int, Seeker]:
    """seeker_for of many users at once (a job's applicants, POL-S-003): five small
    queries whatever their number; a user without a profile is known by résumé skills."""
    ids = set(user_ids)
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user_id__in=ids).prefetch_related(
            "desired_categories", "desired_locations", "skills"
        )
    }
    resume_skills: dict[int, set[str]] = {user_id: set() for user_id in ids}
    rows = StoredResume.skills.through.objects.filter(storedresume__owner_id__in=ids)
    for owner_id, code in rows.values_list("storedresume__owner_id", "skill__code"):
        resume_skills[owner_id].add(code)
    return {user_id: _seeker(profiles.get(user_id), resume_skills[user_id]) for user_id in ids}


def _seeker(profile: Profile | None, resume_skills: set[str]) -> Seeker:
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
