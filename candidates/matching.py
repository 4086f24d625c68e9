"""A jobseeker's recommended jobs (POL-S-003, ADR 0076): the profile and the skills
found in the stored résumés, as the pure fit score reads them, ranked by
jobs.matching.recommend.

Each user's list is cached under a version that every change of their profile or résumés
moves (candidates.signals), so an edit shows at once; jobs that changed since are picked
up within RECOMMENDATIONS_CACHE_SECONDS, and a job closed meanwhile is never shown (the
cards are read as open jobs)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language

from accounts.models import User
from candidates.models import Profile, StoredResume
from candidates.policies import can_edit_profile, can_view_recommendations
from candidates.selectors import recently_viewed_part
from jobboard.json_rows import json_array
from jobs.matching.recommend import job_list_recommended
from jobs.matching.score import Fit, Seeker
from jobs.models import Job
from jobs.selectors import (
    CARD_FIELDS,
    CARD_RELATED,
    HomeSection,
    attach_skills,
    job_list_open,
    with_skill_tags,
)


@dataclass(frozen=True)
class RecommendedJob:
    job: Job
    fit: Fit


def _version_key(user_id: int) -> str:
    return f"match:profile-version:{user_id}"


def bump_profile_version(user_id: int) -> None:
    """The user's profile or résumés changed: their cached recommendations are stale."""
    cache.set(_version_key(user_id), uuid.uuid4().hex, None)


def seeker_values(user: str = "") -> dict[str, Any]:
    """What matching reads of a user, as expressions over a row that holds the user: the
    profile's fields and lists and the skills of every stored résumé, each list one array
    in the row (read as plain values: a thousand users take milliseconds). `user` names
    the row's user relation (`"applicant"` for applications); empty, the row is the user.
    Keys start with `seeker_`; seeker_of reads them back."""
    mine = OuterRef(user or "pk")
    profile = f"{user}__profile" if user else "profile"
    return {
        "seeker_has_profile": Exists(Profile.objects.filter(user=mine)),
        "seeker_experience_years": F(f"{profile}__experience_years"),
        "seeker_education": F(f"{profile}__education"),
        "seeker_desired_salary": F(f"{profile}__desired_salary_manwon"),
        "seeker_skills": json_array(
            Profile.skills.through.objects.filter(profile__user=mine), F("skill__code")
        ),
        "seeker_categories": json_array(
            Profile.desired_categories.through.objects.filter(profile__user=mine),
            F("category__code"),
        ),
        "seeker_locations": json_array(
            Profile.desired_locations.through.objects.filter(profile__user=mine),
            F("location__code"),
        ),
        "seeker_resume_skills": json_array(
            StoredResume.skills.through.objects.filter(storedresume__owner=mine),
            F("skill__code"),
        ),
    }


def seekers_for(user_ids: Iterable[int]) -> dict[int, Seeker]:
    """What matching knows of each user (a jobseeker's recommendations; POL-S-003): one
    query whatever their number (seeker_values). A user without a profile is known by the
    skills of their résumés."""
    rows = User.objects.filter(pk__in=set(user_ids)).values("pk", **seeker_values())
    return {row["pk"]: seeker_of(row) for row in rows}


def seeker_of(row: Mapping[str, Any]) -> Seeker:
    """The Seeker of a row read with seeker_values (a values() dict, or the `vars()` of a
    model instance annotated with them)."""
    resume_skills = set(row["seeker_resume_skills"] or ())
    if not row["seeker_has_profile"]:
        return Seeker(skills=frozenset(resume_skills))
    return Seeker(
        skills=frozenset(set(row["seeker_skills"] or ()) | resume_skills),
        categories=frozenset(row["seeker_categories"] or ()),
        locations=frozenset(row["seeker_locations"] or ()),
        experience_years=row["seeker_experience_years"],
        education=row["seeker_education"] or None,
        desired_salary=row["seeker_desired_salary"],
    )


def seeker_for(user: User) -> Seeker:
    """seekers_for of one user."""
    return seekers_for([user.pk]).get(user.pk, Seeker())


def recommendation_ranking(*, user: User, limit: int = 10) -> list[tuple[int, Fit]]:
    """The ids of the user's best-fitting open jobs with their fit, best first: cached
    under the user's version (two queries when it is cold: the seeker, the candidates)."""
    version = cache.get(_version_key(user.pk), "")
    key = f"match:recommendations:{user.pk}:{version}:{limit}:{get_language()}"
    ranked: list[tuple[int, Fit]] | None = cache.get(key)
    if ranked is None:
        found = job_list_recommended(seeker_for(user), limit=limit)
        ranked = [(r.job_id, r.fit) for r in found]
        cache.set(key, ranked, settings.RECOMMENDATIONS_CACHE_SECONDS)
    return ranked


def recommended_cards(ranked: list[tuple[int, Fit]]) -> QuerySet[Job]:
    """The ranked jobs that are still open, as cards (a job closed since is never shown)."""
    return job_list_open().filter(pk__in=[job_id for job_id, _fit in ranked])


def _paired(ranked: list[tuple[int, Fit]], cards: list[Job]) -> list[RecommendedJob]:
    jobs = {job.pk: job for job in cards}
    return [RecommendedJob(jobs[job_id], fit) for job_id, fit in ranked if job_id in jobs]


def recommendation_list(*, user: User, limit: int = 10) -> list[RecommendedJob]:
    """The user's best-fitting open jobs with their reasons, best first."""
    ranked = recommendation_ranking(user=user, limit=limit)
    if not ranked:
        return []
    cards = with_skill_tags(
        recommended_cards(ranked).select_related(*CARD_RELATED).only(*CARD_FIELDS)
    )
    found = list(cards)
    attach_skills(found)
    return _paired(ranked, found)


HOME_RECOMMENDATIONS = 6


def home_section(request: HttpRequest) -> HomeSection:
    """추천 채용공고 for whoever may see recommendations (POL-S-003) and the recently viewed
    jobs (POL-AP-006) on the home page: their cards are parts of the page's one union
    (jobs.selectors.job_list_home, issue 17's budget)."""
    user = request.user
    parts: dict[str, QuerySet[Job]] = {}
    ranked: list[tuple[int, Fit]] = []
    if isinstance(user, User) and can_view_recommendations(user):
        ranked = recommendation_ranking(user=user, limit=HOME_RECOMMENDATIONS)
        if ranked:
            parts["recommended"] = recommended_cards(ranked).order_by("-published_at", "-id")
    if isinstance(user, User) and can_edit_profile(user):
        parts["recently_viewed"] = recently_viewed_part(user=user)

    def context(rows: dict[str, list[Job]]) -> dict[str, object]:
        found: dict[str, object] = {
            "recommended_jobs": _paired(ranked, rows.get("recommended", []))
        }
        if "recently_viewed" in parts:
            found["recently_viewed_jobs"] = rows.get("recently_viewed", [])
        return found

    return HomeSection(parts=parts, context=context)
