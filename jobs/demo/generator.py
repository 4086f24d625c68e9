"""Deterministic job content: `generate_job(index, seed)` always returns the same job, with
no database and no clock, so a 2,000-job relevance corpus or a million-job benchmark is the
same on every machine, and any slice can be generated on its own (`generate_jobs(start=…)`).

Dates are offsets (minutes since publication, days to the deadline): the caller anchors them
to its own "now"."""

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jobs.demo.companies import DEMO_COMPANIES, CompanyProfile
from jobs.demo.roles import ROLES, ROLES_BY_CATEGORY, Role

DEFAULT_SEED = 2026


@dataclass(frozen=True)
class GeneratedJob:
    role: str  # Role.key: what the job is about (a relevance judgment can use it)
    category: str
    company: int  # index into the companies the generator was given
    language: str  # "ko" or "en"
    title: str
    description: str
    location: str
    employment_type: str
    remote: bool
    salary_mode: str
    salary_min: int | None  # won a year
    salary_max: int | None
    experience: str
    experience_min_years: int | None
    experience_max_years: int | None
    education: str
    skills: tuple[str, ...]
    deadline_in_days: int | None  # None: 상시채용
    published_minutes_ago: int

    def model_fields(self) -> dict:
        """The Job model's own fields (no foreign keys, no dates)."""
        return {
            "title": self.title,
            "description": self.description,
            "employment_type": self.employment_type,
            "remote": self.remote,
            "salary_mode": self.salary_mode,
            "salary_min": self.salary_min,
            "salary_max": self.salary_max,
            "experience": self.experience,
            "experience_min_years": self.experience_min_years,
            "experience_max_years": self.experience_max_years,
            "education": self.education,
        }


def _hiring(companies: Sequence[CompanyProfile]) -> dict[str, list[int]]:
    """category → the companies (by index) that hire in it."""
    return {
        category: [i for i, c in enumerate(companies) if category in c.hires]
        for category in ROLES_BY_CATEGORY
    }


def _pick_company(
    rng: random.Random,
    role: Role,
    companies: Sequence[CompanyProfile],
    hiring: dict[str, list[int]],
) -> int:
    return rng.choice(hiring.get(role.category) or range(len(companies)))


def _experience(rng: random.Random) -> tuple[str, int | None, int | None]:
    roll = rng.random()
    if roll < 0.25:
        return "new", None, None
    if roll < 0.42:
        return "any", None, None
    low = rng.choice((1, 1, 2, 3, 3, 4, 5, 5, 7, 10))
    high = rng.choice((None, None, low + 2, low + 3, low + 5))
    return "experienced", low, high


def _salary(rng: random.Random, role: Role, years: int) -> tuple[str, int | None, int | None]:
    roll = rng.random()
    if roll < 0.12:
        return "company_policy", None, None
    if roll < 0.2:
        return "after_interview", None, None
    entry, per_year = role.pay
    low = entry + per_year * years + rng.randrange(-4, 5) * 100
    low = max(2500, low // 100 * 100)
    high = low + rng.choice((500, 1000, 1500, 2000, 3000)) if rng.random() < 0.85 else None
    return "range", low * 10_000, (high * 10_000 if high else None)


def _employment_type(rng: random.Random, role: Role, experience: str) -> str:
    roll = rng.random()
    if role.part_time_ok and roll < 0.25:
        return "part_time"
    if experience == "new" and roll < 0.2:
        return "internship"
    if roll > 0.92:
        return "contract"
    return "full_time"


def _title(rng, role: Role, language: str, experience: str, years, skills) -> str:
    senior = experience == "experienced" and (years or 0) >= 5
    in_title = [s for s in skills if s in role.title_skills][:2]
    if language == "en":
        level = "Senior " if senior else ("Junior " if experience == "new" else "")
        suffix = f" ({', '.join(_SKILL_NAMES.get(s, s) for s in in_title)})" if in_title else ""
        return f"{level}{role.title_en}{suffix}"
    base = rng.choice(role.titles)
    level = {"new": " (신입)", "any": " (경력무관)"}.get(experience, "")
    if senior:
        level = f" (경력 {years}년 이상)"
    prefix = "시니어 " if senior and rng.random() < 0.5 else ""
    skill_part = f" [{'/'.join(_SKILL_NAMES.get(s, s) for s in in_title)}]" if in_title else ""
    return f"{prefix}{base}{skill_part}{level}"


def _lines(rng: random.Random, pool: Sequence[str], low: int, high: int, side: int) -> list[str]:
    chosen = rng.sample(list(pool), min(len(pool), rng.randint(low, high)))
    return [line.split(" | ")[side].strip() for line in chosen]


def _description(rng, role: Role, language: str, company: CompanyProfile, job) -> str:
    side = 1 if language == "en" else 0
    team = rng.choice(role.teams).split(" | ")[side]
    duties = _lines(rng, role.duties, 3, 5, side)
    requirements = _lines(rng, role.requirements, 2, 3, side)
    preferred = _lines(rng, role.preferred, 2, 3, side)
    bullet = "\n".join
    if language == "en":
        intro = f"Join the {team} team at {company.name}."
        sections = [
            intro,
            "What you will do\n" + bullet(f"- {line}" for line in duties),
            "What we look for\n" + bullet(f"- {line}" for line in requirements),
            "Nice to have\n" + bullet(f"- {line}" for line in preferred),
            "How we hire\n- Application review → interview → offer",
        ]
    else:
        intro = f"{company.name} {team} 팀과 함께할 분을 찾습니다."
        process = rng.choice(
            (
                "서류 전형 → 1차 면접 → 2차 면접 → 처우 협의 → 최종 합격",
                "서류 전형 → 과제 전형 → 인터뷰 → 최종 합격",
                "서류 전형 → 실무 면접 → 임원 면접 → 최종 합격",
            )
        )
        sections = [
            intro,
            "주요 업무\n" + bullet(f"- {line}" for line in duties),
            "자격 요건\n" + bullet(f"- {line}" for line in requirements),
            "우대 사항\n" + bullet(f"- {line}" for line in preferred),
            f"채용 절차\n- {process}",
        ]
    if job["remote"]:
        sections.append(
            "Remote work\n- Up to three days a week from home"
            if language == "en"
            else "근무 형태\n- 주 3일까지 재택근무 가능"
        )
    return "\n\n".join(sections)


def generate_job(
    index: int,
    seed: int = DEFAULT_SEED,
    companies: Sequence[CompanyProfile] = DEMO_COMPANIES,
    hiring: dict[str, list[int]] | None = None,
) -> GeneratedJob:
    """Job number `index` of the series `seed`: the same inputs, the same job. `hiring`:
    _hiring(companies), when the caller generates many jobs from the same companies."""
    rng = random.Random(seed * 1_000_003 + index)  # noqa: S311 - fake data, not secrets
    # The first jobs walk through every role once, so even a small set covers each category;
    # then categories are equally likely, whatever their number of roles.
    if index < len(ROLES):
        role = ROLES[index]
    else:
        role = rng.choice(ROLES_BY_CATEGORY[rng.choice(_CATEGORIES)])
    company_index = _pick_company(rng, role, companies, hiring or _hiring(companies))
    company = companies[company_index]
    language = "en" if company.english else "ko"
    experience, min_years, max_years = _experience(rng)
    skills = tuple(rng.sample(role.skills[:6], min(3, len(role.skills)))) + tuple(
        s for s in rng.sample(role.skills, min(2, len(role.skills))) if rng.random() < 0.5
    )
    skills = tuple(dict.fromkeys(skills))
    salary_mode, salary_min, salary_max = _salary(rng, role, min_years or 0)
    location = company.location if rng.random() < 0.85 else rng.choice(_BIG_CITIES)
    remote = role.remote_ok and rng.random() < 0.3
    deadline = None if rng.random() < 0.2 else rng.choice(_DEADLINE_DAYS)
    education = role.education[0] if rng.random() < 0.6 else rng.choice(role.education)
    title = _title(rng, role, language, experience, min_years, skills)
    description = _description(rng, role, language, company, {"remote": remote})
    return GeneratedJob(
        role=role.key,
        category=role.category,
        company=company_index,
        language=language,
        title=title,
        description=description,
        location=location,
        employment_type=_employment_type(rng, role, experience),
        remote=remote,
        salary_mode=salary_mode,
        salary_min=salary_min,
        salary_max=salary_max,
        experience=experience,
        experience_min_years=min_years,
        experience_max_years=max_years,
        education=education,
        skills=skills,
        deadline_in_days=deadline,
        published_minutes_ago=rng.randrange(5, 60 * 24 * 30),
    )


def generate_jobs(
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    start: int = 0,
    companies: Sequence[CompanyProfile] = DEMO_COMPANIES,
) -> Iterator[GeneratedJob]:
    hiring = _hiring(companies)
    for index in range(start, start + count):
        yield generate_job(index, seed, companies, hiring)


_CATEGORIES = tuple(ROLES_BY_CATEGORY)
_BIG_CITIES = ("seoul", "seoul", "gyeonggi", "busan", "incheon", "daejeon", "daegu", "gwangju")
# Mostly weeks away; a few today (오늘 마감) and within the week (D-1…D-6).
_DEADLINE_DAYS = (0, 1, 2, 3, 5, 6, 7, 9, 12, 14, 14, 20, 21, 25, 28, 30, 30, 35, 45, 60)
_SKILL_NAMES = {
    "python": "Python",
    "java": "Java",
    "go": "Go",
    "kotlin": "Kotlin",
    "nodejs": "Node.js",
    "django": "Django",
    "spring": "Spring",
    "react": "React",
    "vue": "Vue",
    "typescript": "TypeScript",
    "nextjs": "Next.js",
    "swift": "Swift",
    "flutter": "Flutter",
    "kubernetes": "Kubernetes",
    "aws": "AWS",
    "terraform": "Terraform",
    "test-automation": "Test automation",
    "unity": "Unity",
    "unreal": "Unreal",
    "cpp": "C++",
    "ros": "ROS",
    "security": "Security",
    "spark": "Spark",
    "airflow": "Airflow",
    "sql": "SQL",
    "tableau": "Tableau",
    "pytorch": "PyTorch",
    "llm": "LLM",
    "computer-vision": "Vision",
    "figma": "Figma",
    "illustrator": "Illustrator",
}
