"""How well a job fits a jobseeker (POL-S-003): one score from 0 to 100 and its reasons in
words. Pure: plain facts in, no database, no clock, so the weights (ADR 0076) are tested and
tuned against the labelled set in bench/match_eval.py without a server.

Each part gives a share between 0 and 1 of its weight. What the jobseeker has not said (no
desired locations, no experience) counts half: it neither helps nor sinks a job."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from jobs.choices import Education, Experience, SalaryMode

# Chosen on the labelled set (bench/match_eval.py; the alternatives tried are in ADR 0076).
WEIGHTS: Mapping[str, int] = {
    "skills": 35,
    "category": 15,
    "location": 20,
    "experience": 20,
    "salary": 5,
    "education": 5,
}
UNKNOWN = 0.5
EDUCATION_RANK = {level: rank for rank, level in enumerate(Education.values)}
# A job paying a little under what the jobseeker asks still interests many: within this
# ratio it counts half.
SALARY_NEAR = 0.9
# Far more experience than a job's maximum (or than 신입) fits less well, not badly.
OVERQUALIFIED_YEARS = 3


@dataclass(frozen=True)
class Seeker:
    """What matching knows of a jobseeker: the profile and the skills of the stored résumé."""

    skills: frozenset[str] = frozenset()  # jobs.Skill codes
    categories: frozenset[str] = frozenset()  # jobs.Category codes
    locations: frozenset[str] = frozenset()  # jobs.Location codes
    experience_years: int | None = None
    education: str | None = None  # jobs.choices.Education value
    desired_salary: int | None = None  # 만원 a year, as Korean boards ask it


@dataclass(frozen=True)
class JobFacts:
    id: int
    skills: frozenset[str]
    category: str
    location: str
    location_name: str = ""
    remote: bool = False
    experience: str = Experience.ANY
    experience_min_years: int | None = None
    experience_max_years: int | None = None
    education: str = Education.ANY
    salary_mode: str = SalaryMode.RANGE
    salary_min: int | None = None  # won a year
    salary_max: int | None = None


@dataclass(frozen=True)
class Reason:
    code: str  # skills, category, location, experience, salary, education
    met: bool
    text: str


@dataclass(frozen=True)
class Fit:
    score: int
    reasons: tuple[Reason, ...]
    matched_skills: tuple[str, ...] = field(default=())


def fit(seeker: Seeker, job: JobFacts, skill_names: Mapping[str, str] | None = None) -> Fit:
    """The score and its reasons, met ones first, each part in the order of WEIGHTS."""
    names = skill_names or {}
    parts = _parts(seeker, job, names, words=True)
    reasons = [r for _code, _share, r in parts if r is not None]
    reasons.sort(key=lambda r: not r.met)
    matched = tuple(sorted(seeker.skills & job.skills, key=lambda c: names.get(c, c).lower()))
    return Fit(_total(parts), tuple(reasons), matched)


def score(seeker: Seeker, job: JobFacts) -> int:
    """`fit(seeker, job).score` without the words: the same parts, no reason is written (no
    translation, no sorting), so ranking many candidates costs a few microseconds each and
    only the jobs shown get their reasons (ADR 0076)."""
    return _total(_parts(seeker, job, {}, words=False))


def _parts(seeker: Seeker, job: JobFacts, names: Mapping[str, str], *, words: bool) -> list[Part]:
    return [
        _skills(seeker, job, names, words),
        _category(seeker, job, words),
        _location(seeker, job, words),
        _experience(seeker, job, words),
        _salary(seeker, job, words),
        _education(seeker, job, words),
    ]


def _total(parts: list[Part]) -> int:
    return round(sum(WEIGHTS[code] * share for code, share, _reason in parts))


Part = tuple[str, float, Reason | None]


def _skills(seeker: Seeker, job: JobFacts, names: Mapping[str, str], words: bool) -> Part:
    if not job.skills or not seeker.skills:
        return "skills", UNKNOWN, None
    shared = seeker.skills & job.skills
    share = len(shared) / len(job.skills)
    if not words:
        return "skills", share, None
    have = sorted(shared, key=lambda c: names.get(c, c).lower())
    text = ngettext(
        "Has %(have)d of the %(total)d skill required",
        "Has %(have)d of the %(total)d skills required",
        len(job.skills),
    ) % {"have": len(have), "total": len(job.skills)}
    if have:
        text += " (" + ", ".join(names.get(c, c) for c in have) + ")"
    return "skills", share, Reason("skills", bool(have), text)


def _category(seeker: Seeker, job: JobFacts, words: bool) -> Part:
    if not seeker.categories:
        return "category", UNKNOWN, None
    if job.category in seeker.categories:
        return (
            "category",
            1.0,
            _reason(words, "category", True, gettext_noop("Desired job category")),
        )
    return "category", 0.0, None


def _location(seeker: Seeker, job: JobFacts, words: bool) -> Part:
    if job.location in seeker.locations:
        if not words:
            return "location", 1.0, None
        text = _("Desired location (%(name)s)") % {"name": job.location_name or job.location}
        return "location", 1.0, Reason("location", True, text)
    if job.remote:
        return (
            "location",
            1.0,
            _reason(words, "location", True, gettext_noop("Remote work possible")),
        )
    if not seeker.locations:
        return "location", UNKNOWN, None
    return "location", 0.0, None


def _experience(seeker: Seeker, job: JobFacts, words: bool) -> Part:
    years = seeker.experience_years
    if job.experience == Experience.ANY:
        return "experience", 1.0, None
    if years is None:
        return "experience", UNKNOWN, None
    if job.experience == Experience.NEW:
        if years <= 1:
            return (
                "experience",
                1.0,
                _reason(words, "experience", True, gettext_noop("Entry-level position")),
            )
        return "experience", UNKNOWN if years < OVERQUALIFIED_YEARS else 0.0, None
    low = job.experience_min_years or 0
    high = job.experience_max_years
    if years < low:
        share = UNKNOWN if years + 1 >= low else 0.0
        if not words:
            return "experience", share, None
        text = _("Asks for %(years)d+ years of experience") % {"years": low}
        return "experience", share, Reason("experience", False, text)
    if high is not None and years > high + OVERQUALIFIED_YEARS:
        return "experience", UNKNOWN, None
    if not words:
        return "experience", 1.0, None
    text = ngettext(
        "Experience fits (%(years)d year)", "Experience fits (%(years)d years)", years
    ) % {"years": years}
    return "experience", 1.0, Reason("experience", True, text)


def _salary(seeker: Seeker, job: JobFacts, words: bool) -> Part:
    wanted = seeker.desired_salary
    offered = job.salary_max or job.salary_min
    if wanted is None or job.salary_mode != SalaryMode.RANGE or not offered:
        return "salary", UNKNOWN, None
    offered_manwon = offered // 10_000
    if offered_manwon >= wanted:
        return (
            "salary",
            1.0,
            _reason(words, "salary", True, gettext_noop("Meets your desired salary")),
        )
    if offered_manwon >= wanted * SALARY_NEAR:
        return "salary", UNKNOWN, None
    text = gettext_noop("Pays less than your desired salary")
    return "salary", 0.0, _reason(words, "salary", False, text)


def _education(seeker: Seeker, job: JobFacts, words: bool) -> Part:
    if job.education == Education.ANY:
        return "education", 1.0, None
    if seeker.education is None:
        return "education", UNKNOWN, None
    if EDUCATION_RANK.get(seeker.education, 0) >= EDUCATION_RANK.get(job.education, 0):
        text = gettext_noop("Meets the education requirement")
        return "education", 1.0, _reason(words, "education", True, text)
    return (
        "education",
        0.0,
        _reason(words, "education", False, gettext_noop("Asks for more education")),
    )


def _reason(words: bool, code: str, met: bool, message: str) -> Reason | None:
    """A reason of fixed words (marked with gettext_noop), translated only when wanted."""
    return Reason(code, met, _(message)) if words else None
