"""One database's run of the relevance benchmark (started by `python -m bench.relevance`):
a throwaway test database, the corpus loaded through the product's own bulk path (which
indexes it as every save does), every labelled query through the old and the new search,
per-query figures as JSON on stdout."""

from __future__ import annotations

import hashlib
import json
import math
import os
import sys

import django

COMPANIES = 60
CORPUS_SIZE = 2000
SEED = 2026
K_NDCG, K_RECALL = 10, 50


def corpus():
    from jobs.demo.companies import company_profile  # noqa: PLC0415 - after django.setup()
    from jobs.demo.generator import generate_jobs  # noqa: PLC0415

    profiles = [company_profile(i, SEED) for i in range(COMPANIES)]
    return list(generate_jobs(CORPUS_SIZE, seed=SEED, companies=profiles))


def fingerprint(generated) -> str:
    """What the labels were written for: the jobs' roles, skills, titles and text."""
    digest = hashlib.sha256()
    for job in generated:
        digest.update(
            "\x1f".join((job.role, ",".join(job.skills), job.title, job.description)).encode()
        )
    return digest.hexdigest()


def load(generated) -> dict[int, int]:
    """The corpus as published jobs; returns job id → index in `generated`."""
    from django.utils import timezone  # noqa: PLC0415

    from jobs.demo.database import Lookups, build_job, jobs_bulk_create  # noqa: PLC0415
    from jobs.management.commands.seed_jobs import Command as SeedJobs  # noqa: PLC0415

    # The seeder's companies (company_profile(i, SEED) for i < COMPANIES) and recruiters.
    owners = SeedJobs()._recruiters(COMPANIES, SEED)  # noqa: SLF001 - the same accounts
    lookups, now = Lookups(), timezone.now()
    pairs = []
    for g in generated:
        owner, company = owners[g.company]
        job = build_job(g, owner=owner, company=company, lookups=lookups, now=now)
        pairs.append((job, g.skills))
    saved = jobs_bulk_create(pairs, lookups=lookups)
    return {job.pk: i for i, job in enumerate(saved)}


def ndcg(grades: list[int], ideal: list[int], k: int = K_NDCG) -> float:
    def dcg(values):
        return sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(values[:k]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(grades) / best if best else 0.0


def recall(grades: list[int], relevant: int, k: int = K_RECALL) -> float:
    """Relevant jobs in the first k over the relevant jobs k results can hold (a query with
    400 relevant jobs cannot show them all in 50)."""
    return sum(1 for g in grades[:k] if g > 0) / min(k, relevant) if relevant else 0.0


def new_search(text: str) -> list[int]:
    """The product's search as a user meets it: relevance order, premium first (none here),
    and, when nothing is found, the "did you mean" correction followed."""
    from jobs.selectors import JobFilters, job_list_public, job_search_suggestions  # noqa: PLC0415

    filters = JobFilters(q=text, sort="relevance")
    found = job_list_public(filters)
    if not found.count():
        corrected = job_search_suggestions(filters).did_you_mean
        if corrected:
            found = job_list_public(JobFilters(q=corrected, sort="relevance"))
    return [job.pk for job in found[0:K_RECALL]]


def old_search_ids(text: str) -> list[int]:
    from bench.relevance.baseline import old_search  # noqa: PLC0415
    from jobs.selectors import job_list_open  # noqa: PLC0415

    return list(old_search(job_list_open(), text).values_list("pk", flat=True)[:K_RECALL])


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings.test")
    django.setup()
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import setup_databases, teardown_databases  # noqa: PLC0415

    from bench.relevance.judgments import CORPUS_SHA256, QUERIES  # noqa: PLC0415

    generated = corpus()
    if fingerprint(generated) != CORPUS_SHA256:
        sys.exit(
            "The generator's corpus changed since the labels were written: re-check the "
            "labels in bench/relevance/judgments.py, then update CORPUS_SHA256."
        )
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        index_of = load(generated)
        rows = []
        for query in QUERIES:
            grades = [query.judge(job) for job in generated]
            relevant = sum(1 for g in grades if g > 0)
            row = {"text": query.text, "kind": query.kind, "relevant": relevant}
            for name, search in (("old", old_search_ids), ("new", new_search)):
                ids = search(query.text)
                got = [grades[index_of[pk]] for pk in ids]
                row[name] = {
                    "ndcg": ndcg(got, grades),
                    "recall": recall(got, relevant),
                    "found": len(ids),
                }
            rows.append(row)
        json.dump(
            {"vendor": connection.vendor, "jobs": len(generated), "queries": rows}, sys.stdout
        )
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
