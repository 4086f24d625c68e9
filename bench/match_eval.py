"""Offline evaluation of matching (POL-S-003, ADR 0075): precision@10 of the fit score over a
fixed, labelled set of jobseeker profiles and jobs, next to two baselines.

    .venv/bin/python -m bench.match_eval            # score, print, write docs/benchmarks.md
    .venv/bin/python -m bench.match_eval --label    # rebuild bench/match_labels.json

The corpus is the first 5,000 jobs of the deterministic generator (jobs.demo.generator, the
demo's and the search benchmark's content). Each job's skills are what the site stores for
it: its tags and the skills found in its title and description by jobs.matching, with the
seeded skills list and synonyms. The profiles (three per kind of job the generator knows, less
those no job suits) and their judgments are committed in bench/match_labels.json.

A job is judged relevant to a profile when it is the kind of job the profile is after (the
generator's role, which the score never sees: it sees skills, categories, locations,
experience, education and salary only), in a place the profile can work (one of its desired
locations, or remote, or anywhere when it named none), and open to its experience (경력무관;
신입 for at most two years; 경력 when the minimum is at most one year above the profile's).

Baselines: "latest" (the newest jobs, what the home page shows everyone today) and
"category" (the newest jobs of the desired categories)."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.test")
django.setup()

from django.utils import translation  # noqa: E402 - after django.setup()

from bench.report import write_section  # noqa: E402
from jobs.demo.generator import GeneratedJob, generate_jobs  # noqa: E402
from jobs.demo.roles import ROLES  # noqa: E402
from jobs.matching.score import JobFacts, Seeker, fit  # noqa: E402
from jobs.matching.skills import SkillVocabulary  # noqa: E402

LABELS = Path(__file__).with_name("match_labels.json")
CORPUS = 5000
PER_ROLE = 3
K = 10
CITIES = ("seoul", "seoul", "seoul", "gyeonggi", "busan", "daejeon", "incheon", "daegu")


def seeded_vocabulary() -> SkillVocabulary:
    """The skills list and synonyms a fresh site is seeded with (their migrations)."""
    skills = importlib.import_module("jobs.migrations.0009_skills_list_and_roles").SKILLS
    synonyms = importlib.import_module("jobs.migrations.0006_korean_search").SYNONYMS
    return SkillVocabulary.build(
        [(code, (ko, en)) for code, ko, en in skills],
        [[t.strip() for t in row.split(",")] for row in synonyms],
    )


def corpus() -> list[GeneratedJob]:
    return list(generate_jobs(CORPUS))


def job_facts(index: int, job: GeneratedJob, vocabulary: SkillVocabulary) -> JobFacts:
    found = vocabulary.extract(f"{job.title}\n{job.description}")
    return JobFacts(
        id=index,
        skills=frozenset(job.skills) | frozenset(found),
        category=job.category,
        location=job.location,
        remote=job.remote,
        experience=job.experience,
        experience_min_years=job.experience_min_years,
        experience_max_years=job.experience_max_years,
        education=job.education,
        salary_mode=job.salary_mode,
        salary_min=job.salary_min,
        salary_max=job.salary_max,
    )


def make_profiles() -> list[dict]:
    """Three jobseekers per role, each saying more or less about themselves."""
    rng = random.Random(16)  # noqa: S311 - fixed fake data
    profiles = []
    for role in ROLES:
        for variant in range(PER_ROLE):
            years = rng.choice((0, 0, 1, 2, 3, 4, 5, 6, 8, 10))
            skills = rng.sample(role.skills[:8], min(len(role.skills), rng.randint(2, 4)))
            if rng.random() < 0.3:  # a skill from elsewhere, as real profiles have
                other = rng.choice([r for r in ROLES if r.category != role.category])
                skills.append(rng.choice(other.skills))
            salary = role.pay[0] + role.pay[1] * years // 10 * 10
            profiles.append(
                {
                    "id": f"{role.key}-{variant}",
                    "kind": role.key,  # the kind of job sought (not a user role)
                    "skills": sorted(set(skills)),
                    # The last variant names no category: matching must lean on skills.
                    "categories": [role.category] if variant < 2 else [],
                    "locations": [rng.choice(CITIES)] if variant != 1 else [],
                    "experience_years": years,
                    "education": role.education[0],
                    "desired_salary": int(salary * rng.uniform(0.9, 1.15)) // 100 * 100,
                }
            )
    return profiles


def relevant(profile: dict, job: GeneratedJob) -> bool:
    years = profile["experience_years"]
    place = not profile["locations"] or job.location in profile["locations"] or job.remote
    if job.experience == "new":
        open_to = years <= 2
    elif job.experience == "experienced":
        open_to = (job.experience_min_years or 0) <= years + 1
    else:
        open_to = True
    kind = job.role  # the generator's kind of job, not a user's role
    return kind == profile["kind"] and place and open_to


def label() -> None:
    jobs = corpus()
    profiles = make_profiles()
    for profile in profiles:
        profile["relevant"] = [i for i, job in enumerate(jobs) if relevant(profile, job)]
    # A profile no job suits says nothing about the ranking (precision is undefined).
    profiles = [p for p in profiles if p["relevant"]]
    LABELS.write_text(
        json.dumps({"corpus": CORPUS, "profiles": profiles}, ensure_ascii=False, indent=1) + "\n"
    )
    print(f"wrote {LABELS} ({len(profiles)} profiles)")


def seeker(profile: dict) -> Seeker:
    return Seeker(
        skills=frozenset(profile["skills"]),
        categories=frozenset(profile["categories"]),
        locations=frozenset(profile["locations"]),
        experience_years=profile["experience_years"],
        education=profile["education"],
        desired_salary=profile["desired_salary"],
    )


def precision_at_k(ranked: list[int], relevant_ids: set[int]) -> float:
    return sum(1 for i in ranked[:K] if i in relevant_ids) / K


def evaluate() -> dict[str, dict[str, float]]:
    data = json.loads(LABELS.read_text())
    jobs = corpus()
    vocabulary = seeded_vocabulary()
    facts = [job_facts(i, job, vocabulary) for i, job in enumerate(jobs)]
    newest = sorted(range(len(jobs)), key=lambda i: jobs[i].published_minutes_ago)
    rankers = {
        "latest": lambda p: newest,
        "category": lambda p: [i for i in newest if facts[i].category in p.categories] or newest,
        "fit score": lambda p: sorted(
            newest, key=lambda i: -fit(p, facts[i]).score
        ),  # ties: newest first
    }
    groups: dict[str, dict[str, list[float]]] = {}
    with translation.override("ko"):
        for profile in data["profiles"]:
            wanted = set(profile["relevant"])
            who = seeker(profile)
            kind = "no category" if not profile["categories"] else "with category"
            best = min(K, len(wanted)) / K
            for name, rank in rankers.items():
                p = precision_at_k(rank(who), wanted)
                for group in ("all", kind):
                    groups.setdefault(group, {}).setdefault(name, []).append(p)
            for group in ("all", kind):
                groups[group].setdefault("best possible", []).append(best)
    return {
        group: {name: sum(v) / len(v) for name, v in by_name.items()}
        for group, by_name in groups.items()
    }


def report(results: dict[str, dict[str, float]]) -> str:
    names = ["latest", "category", "fit score", "best possible"]
    data = json.loads(LABELS.read_text())
    lines = [
        f"`.venv/bin/python -m bench.match_eval`: {len(data['profiles'])} labelled profiles "
        f"(`bench/match_labels.json`) over the generator's first {CORPUS:,} jobs; mean "
        f"precision@{K} (how many of the first {K} recommendations are judged relevant). "
        '"best possible" is the mean of min(10, relevant jobs)/10. Labels and baselines are '
        "described in the script's docstring and ADR 0075.",
        "",
        "| profiles | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for group in ("all", "with category", "no category"):
        row = results[group]
        lines.append(f"| {group} | " + " | ".join(f"{row[n]:.3f}" for n in names) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", action="store_true", help="rebuild the labelled set")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if args.label:
        label()
        return
    text = report(evaluate())
    print(text)
    if not args.no_write:
        write_section("Matching: offline precision@10 (POL-S-003)", text)


if __name__ == "__main__":
    main()
