"""Re-indexing existing jobs (ADR 0054): after the analysis changes, when a skill is renamed,
and in migrations. Safe at any size: constant memory, and one short transaction per batch."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.db import transaction
from django.db.models import QuerySet

from jobs.search.backends import get_backend

DOCUMENT_FIELDS = ("title", "company_name", "description")


def batches(jobs: QuerySet, size: int) -> Iterator[list]:
    """`jobs` (with what a document needs) in primary-key order, `size` at a time. Each batch
    is read and indexed in its own transaction with its rows locked, so an edit saved
    meanwhile waits for that batch and then indexes itself: the re-index never writes a
    document older than the row, and never holds a lock for longer than one batch."""
    jobs = jobs.only(*DOCUMENT_FIELDS).order_by("pk")
    last = 0
    while True:
        with transaction.atomic():
            rows = list(jobs.select_for_update(of=("self",)).filter(pk__gt=last)[:size])
            if not rows:
                return
            yield rows
        last = rows[-1].pk


def reindex(jobs: QuerySet, *, batch: int = 2000, progress: Callable[[int], None] | None = None):
    """Write the current document of every job in `jobs` through the search backend;
    returns how many were indexed. Cached result counts are dropped (ADR 0011): searches
    may now find other jobs."""
    from jobs.selectors import bump_list_version  # noqa: PLC0415 - selectors import search

    done = 0
    for rows in batches(jobs, batch):
        get_backend().index(rows)
        done += len(rows)
        if progress:
            progress(done)
    bump_list_version()
    return done
