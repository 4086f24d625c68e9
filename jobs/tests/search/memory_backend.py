"""A second search backend, in process memory, for tests only: it proves the seam (ADR 0059)
— the contract suite and the public list run unchanged on a backend that is not the
database — the way an OpenSearch backend would plug in (ids from the engine, filtering,
ordering and paging still in the ORM)."""

from django.db.models import Case, FloatField, Q, Value, When

from jobs.search.backends.base import SearchBackend, documents_for, vocabulary_of
from jobs.search.backends.database import trigram_similarity


class MemoryBackend(SearchBackend):
    def __init__(self):
        self.documents = {}  # job id → (title+company terms, skill terms, body terms)
        self.vocabulary = set()

    def index(self, jobs):
        jobs = list(jobs)
        for doc in documents_for(jobs):
            title = set(doc.title) | set(doc.company)
            self.documents[doc.job_id] = (title, set(doc.skills), set(doc.body))
        self.vocabulary = self.vocabulary.union(*(vocabulary_of(job) for job in jobs))

    def remove(self, job_ids):
        for job_id in job_ids:
            self.documents.pop(job_id, None)

    @staticmethod
    def _has(terms, term) -> bool:
        return any(t.startswith(term.text) if term.prefix else t == term.text for t in terms)

    def _matches(self, fields, query) -> bool:
        return all(
            any(all(self._has(fields, t) for t in alt) for alt in group.alternatives)
            for group in query.groups
        )

    def condition(self, query, *, title_only=False):
        ids = [
            pk
            for pk, (title, skills, body) in self.documents.items()
            if self._matches(title if title_only else title | skills | body, query)
        ]
        return Q(pk__in=ids)

    def _score(self, pk, query) -> float:
        title, skills, body = self.documents.get(pk, (set(), set(), set()))
        score = 0.0
        for term in query.terms():
            fields = ((title, 3), (skills, 2), (body, 1))
            weight = next((w for terms, w in fields if self._has(terms, term)), 0)
            score += weight + any(term.text in terms for terms, _ in fields)
        return score

    def scored(self, jobs, query):
        whens = [When(pk=pk, then=Value(self._score(pk, query))) for pk in self.documents]
        return jobs.annotate(score=Case(*whens, default=Value(0.0), output_field=FloatField()))

    def similar_terms(self, word, limit=3):
        scored = sorted(((trigram_similarity(word, t), t) for t in self.vocabulary), reverse=True)
        return [t for s, t in scored if s >= 0.25][:limit]
