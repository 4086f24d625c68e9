"""The labelled queries of the relevance benchmark (issue 16 item 5).

Labels are judgments about what a job *is* — its role and its skill tags, which the
generator draws first and writes the text from (jobs.demo.generator) — never about the
words in its text, so they do not favour any way of matching text. Grade 2: what the
searcher is looking for; grade 1: a fair answer (a neighbouring role, the skill as an
extra); 0: not relevant. A query of several words asks for all of them: the grade is the
lowest of its parts.

Classes: korean and english (one language, words as written), mixed (Korean and English in
one query), compound (a stem inside a compound, or a compound written without spaces),
particle (a word with a Korean particle), synonym (the other language's or a short name),
typo (a misspelt Latin word: scored on the search a user gets by following "did you mean",
the correction POL-S-001 offers when nothing is found)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jobs.demo.generator import GeneratedJob
from jobs.demo.roles import ROLES

Judge = Callable[[GeneratedJob], int]
CLASSES = ("korean", "english", "mixed", "compound", "particle", "synonym", "typo")

# Software development roles (the ones that write code for a product), and their neighbours.
DEVELOPMENT = ("backend", "frontend", "ios", "android", "game-client", "embedded")
NEAR_DEVELOPMENT = ("devops", "qa", "security", "data-engineer", "ml-engineer")
# Roles whose titles call them engineers, in Korean or English.
ENGINEERING = (
    "backend",
    "frontend",
    "devops",
    "qa",
    "security",
    "data-engineer",
    "ml-engineer",
    "embedded",
    "production-manager",
    "quality-engineer",
)
DESIGN = ("product-designer", "brand-designer")
MARKETING = ("performance-marketer", "content-marketer")
DATA = ("data-engineer", "data-analyst", "ml-engineer")
_CORE_SKILLS = {role.key: set(role.skills[:3]) for role in ROLES}


def role(keys: tuple[str, ...] | str, near: tuple[str, ...] | str = ()) -> Judge:
    keys = (keys,) if isinstance(keys, str) else keys
    near = (near,) if isinstance(near, str) else near
    return lambda job: _grade(job.role, keys, near)


def _grade(occupation: str, keys: tuple[str, ...], near: tuple[str, ...]) -> int:
    """A generated job's occupation (not a user's role) against the query's keys."""
    return 2 if occupation in keys else 1 if occupation in near else 0


def skill(code: str) -> Judge:
    """Tagged with the skill: 2 where it is one of the role's core skills, else 1."""
    return lambda job: (2 if code in _CORE_SKILLS[job.role] else 1) if code in job.skills else 0


def either(*judges: Judge) -> Judge:
    return lambda job: max(judge(job) for judge in judges)


def both(*judges: Judge) -> Judge:
    return lambda job: min(judge(job) for judge in judges)


def role_then_skill(keys, code: str) -> Judge:
    """ "Python 백엔드": a backend job with Python is the answer (2); a backend job without
    it, a fair one (1)."""
    return lambda job: (2 if code in job.skills else 1) if role(keys)(job) else 0


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    judge: Judge


QUERIES = [
    # korean
    Query("간호사", "korean", role("nurse")),
    Query("디자이너", "korean", role(DESIGN, "learning-designer")),
    Query("회계", "korean", role("accountant", "financial-analyst")),
    Query("마케터", "korean", role(MARKETING)),
    Query("영업", "korean", role("b2b-sales")),
    Query("채용 담당자", "korean", role("recruiter")),
    Query("강사", "korean", role("instructor")),
    Query("품질관리", "korean", role("quality-engineer", "production-manager")),
    Query("데이터 분석가", "korean", role("data-analyst", ("data-engineer", "financial-analyst"))),
    Query("고객상담", "korean", role("cs-agent")),
    Query("임상연구", "korean", role("clinical-research")),
    Query("생산관리", "korean", role("production-manager", "quality-engineer")),
    # english
    Query("nurse", "english", role("nurse")),
    Query("backend engineer", "english", role("backend", "devops")),
    Query("Frontend", "english", role("frontend")),
    Query("data engineer", "english", role("data-engineer", ("ml-engineer", "data-analyst"))),
    Query("product manager", "english", role("product-manager")),
    Query("designer", "english", role(DESIGN, "learning-designer")),
    Query("accountant", "english", role("accountant", "financial-analyst")),
    Query("machine learning", "english", either(role("ml-engineer"), skill("machine-learning"))),
    Query("sales", "english", role("b2b-sales")),
    Query("Kubernetes", "english", skill("kubernetes")),
    Query("REACT", "english", skill("react")),
    Query("recruiter", "english", role("recruiter")),
    # mixed
    Query("Python 백엔드", "mixed", role_then_skill("backend", "python")),
    Query("React 프론트엔드", "mixed", role_then_skill("frontend", "react")),
    Query("AWS 데브옵스", "mixed", role_then_skill("devops", "aws")),
    Query("SQL 데이터 분석가", "mixed", role_then_skill("data-analyst", "sql")),
    Query("Figma 디자이너", "mixed", role_then_skill(DESIGN, "figma")),
    Query("iOS 개발자", "mixed", role("ios")),
    Query("Unity 게임", "mixed", role_then_skill("game-client", "unity")),
    Query("Spring 서버", "mixed", role_then_skill("backend", "spring")),
    Query("B2B 영업", "mixed", role("b2b-sales")),
    # compound
    Query("개발", "compound", role(DEVELOPMENT, NEAR_DEVELOPMENT)),
    Query("백엔드개발자", "compound", role("backend")),
    Query("프론트엔드개발자", "compound", role("frontend")),
    Query("데이터엔지니어", "compound", role("data-engineer", "ml-engineer")),
    Query("머신러닝엔지니어", "compound", role("ml-engineer")),
    Query("정보보안", "compound", either(role("security"), skill("security"))),
    Query("재무회계", "compound", role("accountant", "financial-analyst")),
    Query("클라우드인프라", "compound", role("devops")),
    Query("게임클라이언트", "compound", role("game-client")),
    Query("생산기술", "compound", role("production-manager")),
    Query("품질보증", "compound", role("quality-engineer", "qa")),
    Query("교육콘텐츠", "compound", role("learning-designer", "instructor")),
    # particle
    Query("간호사를", "particle", role("nurse")),
    Query("개발자로", "particle", role(DEVELOPMENT, NEAR_DEVELOPMENT)),
    Query("디자이너가", "particle", role(DESIGN, "learning-designer")),
    Query("마케터를", "particle", role(MARKETING)),
    Query("엔지니어로", "particle", role(ENGINEERING)),
    Query("회계를", "particle", role("accountant", "financial-analyst")),
    Query("영업을", "particle", role("b2b-sales")),
    Query("데이터를", "particle", role(DATA, "performance-marketer")),
    Query("강사로", "particle", role("instructor")),
    # synonym
    Query("파이썬", "synonym", skill("python")),
    Query("k8s", "synonym", skill("kubernetes")),
    Query("쿠버네티스", "synonym", skill("kubernetes")),
    Query("자바스크립트", "synonym", skill("javascript")),
    Query("서버 개발자", "synonym", role("backend")),
    Query("backend", "synonym", role("backend")),
    Query("프론트", "synonym", role("frontend")),
    Query("리액트", "synonym", skill("react")),
    Query("머신러닝", "synonym", either(role("ml-engineer"), skill("machine-learning"))),
    Query("도커", "synonym", skill("docker")),
    Query("인사", "synonym", role("recruiter")),
    Query("developer", "synonym", role(DEVELOPMENT, NEAR_DEVELOPMENT)),
    # typo
    Query("pyhton", "typo", skill("python")),
    Query("kuberntes", "typo", skill("kubernetes")),
    Query("javscript", "typo", skill("javascript")),
    Query("enginer", "typo", role(ENGINEERING)),
    Query("desginer", "typo", role(DESIGN, "learning-designer")),
    Query("figam", "typo", skill("figma")),
    Query("tablaeu", "typo", skill("tableau")),
    Query("accountent", "typo", role("accountant", "financial-analyst")),
]

# sha256 of the corpus the labels were written for (bench/relevance/evaluate.py:fingerprint).
CORPUS_SHA256 = "2940cfbee1a73581030263b7b9146a71f2b70dfa18df6ad655aeda8f9fa6585a"
