"""The search backend seam (ADR 0059): what any search engine behind job search provides.

The rest of the code (selectors, pages, API, tasks) talks only to this interface, so moving
search to OpenSearch changes one setting and one module. A backend must pass the shared
suite in jobs/tests/search/test_backend_contract.py."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from jobs.search.analysis import analyze, index_terms
from jobs.search.query import ParsedQuery

# A long description adds little after its first part and would make every document (and
# every match) heavier: the index reads this many characters of it.
BODY_CHARS = 3000


@dataclass(frozen=True)
class Document:
    """The analysed terms of one job, by field: the title weighs most, then the company
    name, the skill tags, the description."""

    job_id: int
    title: list[str]
    company: list[str]
    body: list[str]
    skills: list[str]


def document_for(job, skills: Sequence[str] = ()) -> Document:
    """`skills`: the names (Korean and English) of the job's skill tags, so a job tagged
    Kubernetes is found by "k8s" and "쿠버네티스" even when its text never names it."""
    title = index_terms(job.title)
    company = index_terms(job.company_name)
    seen = set(title) | set(company)
    tags = [t for t in dict.fromkeys(t for n in skills for t in index_terms(n)) if t not in seen]
    seen |= set(tags)
    body = [t for t in index_terms(job.description[:BODY_CHARS]) if t not in seen]
    return Document(job.pk, title, company, body, tags)


def skill_names(job_ids: Iterable[int], through=None) -> dict[int, list[str]]:
    """Each job's skill names, Korean and English, in one query. `through`: the tag table
    as a migration sees it (the current one by default)."""
    if through is None:
        from jobs.models import Job  # noqa: PLC0415 - the models import this package

        through = Job.skills.through
    names: dict[int, list[str]] = {}
    rows = through.objects.filter(job_id__in=list(job_ids)).order_by("skill_id")
    for job_id, name_ko, name_en in rows.values_list("job_id", "skill__name_ko", "skill__name_en"):
        names.setdefault(job_id, []).extend(dict.fromkeys((name_ko, name_en)))
    return names


def documents_for(jobs: Iterable, through=None) -> list[Document]:
    """The documents of `jobs` (title, company_name, description loaded) with their skill
    tags read here."""
    jobs = list(jobs)
    names = skill_names([job.pk for job in jobs], through)
    return [document_for(job, names.get(job.pk, ())) for job in jobs]


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
        company name; the ranking's title tier is filtered by this alone, so such a job
        must match without `title_only` too, ADR 0091). A Q object, so callers combine it
        with other filters, negate it (the ranking tiers) and count under it."""

    @abstractmethod
    def scored(self, jobs: QuerySet, query: ParsedQuery) -> QuerySet:
        """`jobs` annotated with `score`: higher is more relevant (term weight by field,
        exact over prefix matches)."""

    @abstractmethod
    def similar_terms(self, word: str, limit: int = 3) -> list[str]:
        """Known words spelt like `word`, most similar first ("did you mean")."""
