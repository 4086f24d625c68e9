"""Search over jobs for Korean and English text (ADR 0010).

PostgreSQL has no Korean parser, so the 'simple' configuration indexes words as written;
each query word becomes a prefix query (`개발:*` finds "개발자", "개발자를"), OR'ed with a
substring match on lower(title + company) that a trigram GIN index serves (words inside
compounds, "python/django"). Trigrams need three characters, so that half is used only for
query words of three or more characters. SQLite (development, half of the test runs) uses
plain substring matching on the same column."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q

SEARCH_VECTOR = (
    SearchVector("title", weight="A", config="simple")
    + SearchVector("company_name", weight="B", config="simple")
    + SearchVector("description", weight="C", config="simple")
)
MAX_WORDS = 8
TRIGRAM_MIN_LENGTH = 3


def search_words(q: str) -> list[str]:
    """The query's words, lower-cased, without tsquery operators (only \\w characters)."""
    return re.findall(r"\w+", q.lower())[:MAX_WORDS]


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_filter(words: list[str]) -> Q:
    """Every word must match (AND), each by prefix in the tsvector or inside title/company."""
    condition = Q()
    for word in words:
        if uses_postgres():
            word_q = Q(search_vector=_prefix_query([word]))
            if len(word) >= TRIGRAM_MIN_LENGTH:
                word_q |= Q(search_text__contains=word)
        else:
            word_q = Q(search_text__icontains=word) | Q(description__icontains=word)
        condition &= word_q
    return condition


def search_rank(words: list[str]):
    """Relevance: ts_rank of the prefix query (title weighs most). PostgreSQL only."""
    return SearchRank(F("search_vector"), _prefix_query(words))


def _prefix_query(words: list[str]) -> SearchQuery:
    # Safe to build raw tsquery text: words contain only \w characters.
    return SearchQuery(" | ".join(f"{w}:*" for w in words), search_type="raw", config="simple")
