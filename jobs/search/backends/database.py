"""The database search backend (ADR 0054): PostgreSQL full-text search over a tsvector of
analysed terms, or SQLite FTS5 over the same terms, chosen by the connection in use. Both
are ORM expressions and lookups (no raw SQL outside migrations)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from django.contrib.postgres.search import SearchVectorField, TrigramSimilarity
from django.db import connection
from django.db.models import (
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast

from jobs.search.backends.base import Document, SearchBackend, documents_for, vocabulary_of
from jobs.search.lookups import FtsMatch, FtsRank
from jobs.search.query import ParsedQuery, Term

MAX_POSITION = 16383  # PostgreSQL's limit for a tsvector position


# --- PostgreSQL ------------------------------------------------------------------------


# Terms repeat across documents: a million seeded jobs quote ~90 million terms, a few
# thousand distinct (ADR 0086).
@lru_cache(maxsize=16384)
def _pg_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(doc: Document) -> str:
    """The document as tsvector text: every term once per field, weighted A (title), B
    (company name), C (skill tags), D (description)."""
    positions: dict[str, str] = {}  # term → "1A,7D"
    position = 0
    fields = ((doc.title, "A"), (doc.company, "B"), (doc.skills, "C"), (doc.body, "D"))
    for terms, weight in fields:
        for term in terms:
            if position < MAX_POSITION:
                position += 1
            label = f"{position}{weight}"
            known = positions.get(term)
            positions[term] = label if known is None else f"{known},{label}"
    return " ".join([f"{_pg_quote(t)}:{p}" for t, p in positions.items()])


def title_vector_literal(doc: Document) -> str:
    """The title and company terms of tsvector_literal(doc) (weights A and B, at the same
    positions): Job.title_vector, what "matches in the title" tests (ADR 0096)."""
    return tsvector_literal(replace(doc, skills=[], body=[]))


def tsquery_literal(query: ParsedQuery, *, exact=False) -> str:
    """`exact`: every term as a whole word (prefix matches dropped), for the score bonus."""

    def term(t: Term) -> str:
        return _pg_quote(t.text) + (":*" if t.prefix and not exact else "")

    def alternative(terms) -> str:
        return "(" + " & ".join(term(t) for t in terms) + ")"

    groups = ["(" + " | ".join(alternative(a) for a in g.alternatives) + ")" for g in query.groups]
    return " & ".join(groups)


class TsRank(Func):
    function = "ts_rank"
    template = "%(function)s(%(expressions)s::tsquery)"
    output_field = FloatField()


def store_documents(documents: list[Document], *, job_model, entry_model, postgres: bool) -> None:
    """Write documents into the index: the job rows' tsvector on PostgreSQL, the FTS5 table
    on SQLite. The models are passed in so that migrations write with theirs."""
    if postgres:
        rows = [
            job_model(
                pk=d.job_id,
                search_vector=Cast(Value(tsvector_literal(d)), SearchVectorField()),
                title_vector=Cast(Value(title_vector_literal(d)), SearchVectorField()),
            )
            for d in documents
        ]
        job_model.objects.bulk_update(rows, ["search_vector", "title_vector"], batch_size=500)
        return
    entry_model.objects.filter(job_id__in=[d.job_id for d in documents]).delete()
    entry_model.objects.bulk_create(
        entry_model(
            job_id=d.job_id,
            title=" ".join(d.title),
            company=" ".join(d.company),
            skills=" ".join(d.skills),
            body=" ".join(d.body),
        )
        for d in documents
    )


# --- SQLite FTS5 -------------------------------------------------------------------------


def _fts_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(query: ParsedQuery, *, title_only: bool = False) -> str:
    def alternative(terms) -> str:
        return (
            "(" + " AND ".join(_fts_quote(t.text) + ("*" if t.prefix else "") for t in terms) + ")"
        )

    groups = ["(" + " OR ".join(alternative(a) for a in g.alternatives) + ")" for g in query.groups]
    text = " AND ".join(groups)
    return "{title company} : (" + text + ")" if title_only else text


# --- Similarity (for "did you mean" without pg_trgm) ------------------------------------


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity: shared trigrams over all trigrams of both words."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


# Lower than pg_trgm's 0.3 for `%`: a swap of two letters ("pyhton") scores 0.27.
SIMILARITY_THRESHOLD = 0.25


class DatabaseBackend(SearchBackend):
    """Search in the database the site already uses: nothing else to run or keep in sync."""

    @staticmethod
    def _postgres() -> bool:
        return connection.vendor == "postgresql"

    def index(self, jobs: Iterable) -> None:
        from jobs.models import Job, JobSearchEntry, SearchTerm  # noqa: PLC0415

        jobs = list(jobs)
        store_documents(
            documents_for(jobs),
            job_model=Job,
            entry_model=JobSearchEntry,
            postgres=self._postgres(),
        )
        vocabulary = set().union(*(vocabulary_of(j) for j in jobs))
        if vocabulary:
            SearchTerm.objects.bulk_create(
                [SearchTerm(term=t[:64]) for t in vocabulary], ignore_conflicts=True
            )

    def remove(self, job_ids: Iterable[int]) -> None:
        from jobs.models import JobSearchEntry  # noqa: PLC0415

        if not self._postgres():  # on PostgreSQL the vector goes with the row
            JobSearchEntry.objects.filter(job_id__in=list(job_ids)).delete()

    def condition(self, query: ParsedQuery, *, title_only=False) -> Q:
        from jobs.models import JobSearchEntry  # noqa: PLC0415

        if self._postgres():
            literal = tsquery_literal(query)
            if title_only:  # the A and B terms, in a column of their own (ADR 0085, 0096)
                return Q(title_vector__tsquery=literal)
            return Q(search_vector__tsquery=literal)
        entries = JobSearchEntry.objects.filter(FtsMatch(fts_query(query, title_only=title_only)))
        return Q(pk__in=entries.values("job_id"))

    def scored(self, jobs: QuerySet, query: ParsedQuery) -> QuerySet:
        from jobs.models import JobSearchEntry  # noqa: PLC0415

        if self._postgres():
            # ts_rank gives a word that matches whole and as a prefix no more than a prefix
            # match alone, so whole-word matches add a second rank ("java" over "javascript").
            full = TsRank(F("search_vector"), Value(tsquery_literal(query)))
            exact = TsRank(F("search_vector"), Value(tsquery_literal(query, exact=True)))
            return jobs.annotate(score=full + exact)
        rank = (
            JobSearchEntry.objects.filter(FtsMatch(fts_query(query)), job_id=OuterRef("pk"))
            .annotate(rank=FtsRank())
            .values("rank")[:1]
        )
        return jobs.annotate(score=-Subquery(rank, output_field=FloatField()))

    def similar_terms(self, word: str, limit: int = 3) -> list[str]:
        from jobs.models import SearchTerm  # noqa: PLC0415

        if self._postgres():
            # The vocabulary is small (Latin words of titles), and asked only when a search
            # found nothing: a scan with pg_trgm's similarity is cheaper than an index here.
            rows = (
                SearchTerm.objects.annotate(similarity=TrigramSimilarity("term", word))
                .filter(similarity__gte=SIMILARITY_THRESHOLD)
                .order_by("-similarity", "term")
                .values_list("term", flat=True)
            )
            return list(rows[:limit])
        scored = [
            (trigram_similarity(word, term), term)
            for term in SearchTerm.objects.values_list("term", flat=True)
        ]
        best = sorted(
            (s for s in scored if s[0] >= SIMILARITY_THRESHOLD), key=lambda s: (-s[0], s[1])
        )
        return [term for _, term in best[:limit]]
