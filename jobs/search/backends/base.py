"""The search backend seam (ADR 0059): what any search engine behind job search provides.

The rest of the code (selectors, pages, API, tasks) talks only to this interface, so moving
search to OpenSearch changes one setting and one module. A backend must pass the shared
suite in jobs/tests/search/test_backend_contract.py."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from jobs.search.analysis import analyze, index_terms
from jobs.search.query import ParsedQuery

# A long description adds little after its first part and would make every document (and
# every match) heavier: the index reads this many characters of it.
BODY_CHARS = 3000


@dataclass(frozen=True)
class Document:
    """The analysed terms of one job, by field (title weighs most, then the company)."""

    job_id: int
    title: list[str]
    company: list[str]
    body: list[str]


def document_for(job) -> Document:
    title = index_terms(job.title)
    company = index_terms(job.company_name)
    seen = set(title) | set(company)
    body = [t for t in index_terms(job.description[:BODY_CHARS]) if t not in seen]
    return Document(job.pk, title, company, body)


def vocabulary_of(job) -> set[str]:
    """Latin words of a job's title, for "did you mean" (titles are edited with care;
    descriptions carry more typos than they would fix)."""
    return {w.stem for w in analyze(job.title) if not w.hangul and len(w.stem) >= 3}


class SearchBackend(ABC):
    """Indexes jobs and answers queries with filters and scores on the jobs queryset, so
    callers keep filtering, ordering and paginating in the ORM."""

    @abstractmethod
    def index(self, jobs: Iterable) -> None:
        """Make the jobs findable as they are now (call after every save)."""

    @abstractmethod
    def remove(self, job_ids: Iterable[int]) -> None:
        """Forget deleted jobs."""

    @abstractmethod
    def condition(self, query: ParsedQuery, *, title_only=False) -> Q:
        """A filter on jobs: every query word matches (`title_only`: in the title or the
        company name). A Q object, so callers combine it with other filters, negate it
        (the ranking tiers) and count under it."""

    @abstractmethod
    def scored(self, jobs: QuerySet, query: ParsedQuery) -> QuerySet:
        """`jobs` annotated with `score`: higher is more relevant (term weight by field,
        exact over prefix matches)."""

    @abstractmethod
    def similar_terms(self, word: str, limit: int = 3) -> list[str]:
        """Known words spelt like `word`, most similar first ("did you mean")."""
