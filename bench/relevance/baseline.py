"""The search ADR 0010 described, reproduced for the benchmark only (the product no longer has
it): PostgreSQL's 'simple' configuration over title (A), company (B) and description (C),
each query word a prefix (`w:*`) or, from three characters, a substring of lower(title +
company); ranked by ts_rank of the OR of the prefixes, then date. On SQLite it was a
case-insensitive substring match over title + company or description, newest first (no
ranking). The vector and the substring column are computed per query here, not stored: the
same matches and scores as the stored columns gave, on a corpus small enough to scan."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Concat, Lower

from jobs.models import Job

MAX_WORDS = 8
TRIGRAM_MIN_LENGTH = 3
SEARCH_VECTOR = (
    SearchVector("title", weight="A", config="simple")
    + SearchVector("company_name", weight="B", config="simple")
    + SearchVector("description", weight="C", config="simple")
)


def words(q: str) -> list[str]:
    return re.findall(r"\w+", q.lower())[:MAX_WORDS]


def _prefix_query(query_words: list[str]) -> SearchQuery:
    return SearchQuery(
        " | ".join(f"{w}:*" for w in query_words), search_type="raw", config="simple"
    )


def old_search(jobs: QuerySet[Job], q: str) -> QuerySet[Job]:
    """`jobs` matching `q`, in the old search's relevance order."""
    query_words = words(q)
    jobs = jobs.annotate(search_text=Lower(Concat("title", Value(" "), "company_name")))
    postgres = connection.vendor == "postgresql"
    if postgres:
        jobs = jobs.annotate(old_vector=SEARCH_VECTOR)
    condition = Q()
    for word in query_words:
        if postgres:
            word_q = Q(old_vector=_prefix_query([word]))
            if len(word) >= TRIGRAM_MIN_LENGTH:
                word_q |= Q(search_text__contains=word)
        else:
            word_q = Q(search_text__icontains=word) | Q(description__icontains=word)
        condition &= word_q
    jobs = jobs.filter(condition)
    if postgres:
        rank = SearchRank(F("old_vector"), _prefix_query(query_words))
        return jobs.annotate(rank=rank).order_by("-rank", "-published_at", "-id")
    return jobs.order_by("-published_at", "-id")
