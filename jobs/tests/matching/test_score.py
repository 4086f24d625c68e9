"""The fit score and its reasons (POL-S-003, ADR 0076): pure, no database."""

import itertools

import pytest
from django.utils import translation

from jobs.matching.score import WEIGHTS, JobFacts, Seeker, fit, score

NAMES = {"python": "Python", "django": "Django", "aws": "AWS", "react": "React"}
JOB = JobFacts(
    id=1,
    skills=frozenset({"python", "django", "aws", "react"}),
    category="software",
    location="seoul",
    location_name="서울",
    experience="experienced",
    experience_min_years=3,
    experience_max_years=7,
    education="bachelor",
    salary_mode="range",
    salary_min=50_000_000,
    salary_max=70_000_000,
)
SEEKER = Seeker(
    skills=frozenset({"python", "django", "aws"}),
    categories=frozenset({"software"}),
    locations=frozenset({"seoul"}),
    experience_years=4,
    education="master",
    desired_salary=6000,
)


@pytest.fixture(autouse=True)
def korean():
    with translation.override("ko"):
        yield


def test_weights_add_up_to_a_hundred():
    assert sum(WEIGHTS.values()) == 100


def test_a_job_that_fits_in_every_way_scores_high_with_its_reasons_in_korean__POL_S_003():
    result = fit(SEEKER, JOB, NAMES)
    assert result.score == round(100 - WEIGHTS["skills"] / 4)  # one of four skills missing
    texts = [r.text for r in result.reasons]
    assert texts[0] == "필요 기술 4개 중 3개 보유 (AWS, Django, Python)"
    assert "희망 직무 일치" in texts
    assert "희망 지역 일치 (서울)" in texts
    assert "경력 조건 충족 (4년)" in texts
    assert all(r.met for r in result.reasons)
    assert result.matched_skills == ("aws", "django", "python")


ALL_SKILLS = Seeker(**{**SEEKER.__dict__, "skills": JOB.skills})


def job(**changes):
    return JobFacts(**{**JOB.__dict__, **changes})


def test_each_part_moves_the_score_by_its_weight():
    assert fit(ALL_SKILLS, JOB).score == 100
    assert fit(ALL_SKILLS, job(category="design")).score == 100 - WEIGHTS["category"]
    assert fit(ALL_SKILLS, job(location="busan")).score == 100 - WEIGHTS["location"]
    assert fit(ALL_SKILLS, job(location="busan", remote=True)).score == 100
    assert fit(ALL_SKILLS, job(salary_max=40_000_000)).score == 100 - WEIGHTS["salary"]
    assert fit(ALL_SKILLS, job(education="doctorate")).score == 100 - WEIGHTS["education"]
    too_junior = Seeker(**{**ALL_SKILLS.__dict__, "experience_years": 1})
    assert fit(too_junior, JOB).score == 100 - WEIGHTS["experience"]
    nearly = Seeker(**{**ALL_SKILLS.__dict__, "experience_years": 2})
    assert fit(nearly, JOB).score == round(100 - WEIGHTS["experience"] / 2)


def test_gaps_are_said_after_what_fits():
    seeker = Seeker(**{**SEEKER.__dict__, "experience_years": 1, "desired_salary": 9000})
    reasons = fit(seeker, JOB).reasons
    assert [r.met for r in reasons] == sorted((r.met for r in reasons), reverse=True)
    gaps = [r.text for r in reasons if not r.met]
    assert gaps == ["경력 3년 이상 요구", "희망 연봉보다 낮음"]


def test_what_the_jobseeker_has_not_said_counts_half():
    empty = fit(Seeker(), JOB)
    assert empty.score == round(sum(WEIGHTS.values()) / 2)
    assert empty.reasons == ()


def test_a_job_without_skills_or_conditions_is_neutral_on_them():
    bare = JobFacts(id=2, skills=frozenset(), category="software", location="seoul")
    result = fit(SEEKER, bare)
    # skills and salary unknown (half), experience and education open to all (full).
    unknown = (WEIGHTS["skills"] + WEIGHTS["salary"]) / 2
    assert result.score == round(100 - unknown)


def test_near_salary_counts_half_and_policy_salaries_are_unknown():
    near = job(salary_max=55_000_000)
    policy = job(salary_mode="company_policy", salary_min=None, salary_max=None)
    half = round(100 - WEIGHTS["salary"] / 2)
    assert fit(ALL_SKILLS, near).score == half
    assert fit(ALL_SKILLS, policy).score == half


def test_entry_level_jobs_fit_newcomers_and_not_veterans():
    new_job = JobFacts(
        **{
            **JOB.__dict__,
            "experience": "new",
            "experience_min_years": None,
            "experience_max_years": None,
        }
    )
    newcomer = Seeker(**{**SEEKER.__dict__, "experience_years": 0})
    veteran = Seeker(**{**SEEKER.__dict__, "experience_years": 10})
    assert "신입 채용" in [r.text for r in fit(newcomer, new_job).reasons]
    assert fit(newcomer, new_job).score - fit(veteran, new_job).score == WEIGHTS["experience"]


def test_english_reasons():
    with translation.override("en"):
        texts = [r.text for r in fit(SEEKER, JOB, NAMES).reasons]
    assert texts[0] == "Has 3 of the 4 skills required (AWS, Django, Python)"


def test_score_without_words_is_the_fits_score_for_every_kind_of_job():
    """Recommendations rank candidates by `score` and write reasons only for the jobs shown
    (ADR 0076): both must agree on every branch of every part."""
    choices = {
        "skills": (frozenset(), frozenset({"python"}), JOB.skills),
        "category": ("software", "design"),
        "location": ("seoul", "busan"),
        "remote": (False, True),
        "experience": ("any", "new", "experienced"),
        "experience_min_years": (None, 1, 6),
        "education": ("any", "bachelor", "doctorate"),
        "salary_max": (None, 40_000_000, 56_000_000, 90_000_000),
    }
    jobs = [
        job(**dict(zip(choices, values, strict=True)))
        for values in itertools.product(*choices.values())
    ]
    seekers = [
        SEEKER,
        Seeker(),
        Seeker(skills=frozenset({"react"}), experience_years=0, education="high_school"),
        Seeker(locations=frozenset({"busan"}), experience_years=12, desired_salary=6000),
    ]
    for seeker, each in itertools.product(seekers, jobs):
        assert score(seeker, each) == fit(seeker, each, NAMES).score
