"""Recommended jobs: candidates through indexes, ranked by the fit score (POL-S-003)."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from jobs.matching import recommend
from jobs.matching.recommend import job_list_recommended
from jobs.matching.score import Seeker
from jobs.models import Category, Location, Skill
from jobs.tests.factories import ClosedJobFactory, ExpiredJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

PYTHONISTA = Seeker(
    skills=frozenset({"python", "django", "aws"}),
    categories=frozenset({"software"}),
    locations=frozenset({"seoul"}),
    experience_years=3,
    education="bachelor",
    desired_salary=5000,
)


def ids(recommendations):
    return [r.job_id for r in recommendations]


def test_the_best_fitting_open_jobs_come_first_with_their_reasons__POL_S_003():
    busan = Location.objects.get(code="busan")
    design = Category.objects.get(code="design")
    best = PublishedJobFactory(title="파이썬 백엔드", description="Django, AWS")
    elsewhere = PublishedJobFactory(
        title="파이썬 백엔드", description="Django, AWS", location=busan
    )
    other = PublishedJobFactory(title="Brand designer", description="Figma", category=design)
    ClosedJobFactory(title="파이썬", description="Django, AWS")
    ExpiredJobFactory(title="파이썬", description="Django, AWS")
    with translation.override("ko"):
        result = job_list_recommended(PYTHONISTA)
    assert ids(result) == [best.pk, elsewhere.pk]  # the designer job is no candidate
    texts = [r.text for r in result[0].fit.reasons]
    assert texts[0] == "필요 기술 3개 중 3개 보유 (AWS, Django, Python)"
    assert "희망 지역 일치 (서울)" in texts
    assert other.pk not in ids(result)


def test_jobs_of_a_desired_category_are_candidates_without_shared_skills():
    job = PublishedJobFactory(title="QA 엔지니어", description="품질을 지킵니다")
    assert ids(job_list_recommended(PYTHONISTA)) == [job.pk]


def test_a_jobseeker_who_said_nothing_gets_the_newest_jobs_of_their_locations():
    busan = Location.objects.get(code="busan")
    old = PublishedJobFactory(location=busan, published_at=timezone.now() - timedelta(days=3))
    new = PublishedJobFactory(location=busan)
    PublishedJobFactory()  # Seoul
    assert ids(job_list_recommended(Seeker(locations=frozenset({"busan"})))) == [new.pk, old.pk]
    assert len(job_list_recommended(Seeker())) == 3


def test_candidates_are_bounded(monkeypatch):
    monkeypatch.setattr(recommend, "SKILL_CANDIDATES", 2)
    monkeypatch.setattr(recommend, "CATEGORY_CANDIDATES", 1)
    jobs = [PublishedJobFactory(description="Python") for _ in range(5)]
    ranked = job_list_recommended(PYTHONISTA)
    assert len(ranked) == 2  # the two newest by skill overlap; the newest of the category
    assert set(ids(ranked)) == {jobs[-1].pk, jobs[-2].pk}


def test_more_shared_skills_win_the_candidate_places(monkeypatch):
    monkeypatch.setattr(recommend, "SKILL_CANDIDATES", 1)
    monkeypatch.setattr(recommend, "CATEGORY_CANDIDATES", 0)
    strong = PublishedJobFactory(description="Python, Django, AWS")
    PublishedJobFactory(description="Python")
    assert ids(job_list_recommended(PYTHONISTA)) == [strong.pk]


def test_each_skill_is_read_only_among_its_newest_open_jobs(monkeypatch):
    """The skills part reads at most SKILL_WINDOW index entries per skill (ADR 0076)."""
    monkeypatch.setattr(recommend, "SKILL_WINDOW", 2)
    monkeypatch.setattr(recommend, "CATEGORY_CANDIDATES", 0)
    oldest, *_middle, newest = [PublishedJobFactory(description="Django") for _ in range(3)]
    both = PublishedJobFactory(description="Python, Django")
    candidates = recommend.skill_candidates(
        list(Skill.objects.filter(code__in=["python", "django"]).values_list("pk", flat=True)),
        timezone.localdate(),
    )
    assert list(candidates) == [both.pk, newest.pk]  # most shared skills first, then the newest
    assert oldest.pk not in ids(job_list_recommended(PYTHONISTA))


def test_category_candidates_are_where_the_jobseeker_can_work(monkeypatch):
    monkeypatch.setattr(recommend, "CATEGORY_CANDIDATES", 2)
    busan = Location.objects.get(code="busan")
    here = PublishedJobFactory(title="QA", published_at=timezone.now() - timedelta(days=5))
    remote = PublishedJobFactory(title="QA", location=busan, remote=True)
    PublishedJobFactory(title="QA", location=busan)  # newer, but where the jobseeker is not
    tester = Seeker(categories=frozenset({"software"}), locations=frozenset({"seoul"}))
    assert set(ids(job_list_recommended(tester))) == {here.pk, remote.pk}


def test_a_location_added_meanwhile_is_read_with_its_job():
    recommend.reference()  # held by this process
    jeju = Location.objects.create(code="jeju-test", name_ko="제주", name_en="Jeju")
    job = PublishedJobFactory(title="QA", location=jeju)
    with translation.override("ko"):
        result = job_list_recommended(Seeker(locations=frozenset({"jeju-test"})))
    assert ids(result) == [job.pk]
    assert "희망 지역 일치 (제주)" in [r.text for r in result[0].fit.reasons]
