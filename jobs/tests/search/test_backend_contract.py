"""What every search backend must do (ADR 0059). The suite runs against each backend: the
database backend (on PostgreSQL and, in CI's second run, on SQLite) and a test-only one in
process memory; a new backend (OpenSearch with nori) is ready when it passes unchanged."""

import pytest

from jobs.models import Job, Skill
from jobs.search import get_backend, parse
from jobs.selectors import JobFilters, job_list_public
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db
MEMORY = "jobs.tests.search.memory_backend.MemoryBackend"


@pytest.fixture(params=["jobs.search.backends.database.DatabaseBackend", MEMORY])
def backend(request, settings):
    """The backend under test, installed as SEARCH_BACKEND so saves index into it."""
    settings.SEARCH_BACKEND = request.param
    get_backend.cache_clear()
    yield get_backend()
    get_backend.cache_clear()


def _matches(backend, text, *, title_only=False):
    condition = backend.condition(parse(text), title_only=title_only)
    return set(Job.objects.filter(condition).values_list("title", flat=True))


def test_saved_jobs_are_indexed_and_found(backend):
    PublishedJobFactory(title="백엔드개발자", description="Django 와 PostgreSQL")
    assert _matches(backend, "개발") == {"백엔드개발자"}
    assert _matches(backend, "postgresql") == {"백엔드개발자"}
    assert _matches(backend, "spring") == set()


def test_index_replaces_a_jobs_old_terms(backend):
    job = PublishedJobFactory(title="데이터 분석가")
    Job.objects.filter(pk=job.pk).update(title="보안 엔지니어")
    backend.index(Job.objects.filter(pk=job.pk))
    assert _matches(backend, "보안") == {"보안 엔지니어"}
    assert _matches(backend, "분석가") == set()


def test_removed_jobs_are_not_found(backend):
    job = PublishedJobFactory(title="간호사")
    backend.remove([job.pk])
    Job.objects.filter(pk=job.pk).update(search_vector=None)  # a backend may keep it on the row
    assert _matches(backend, "간호사") == set()


def test_title_only_matches_title_and_company_not_description(backend):
    PublishedJobFactory(title="Kubernetes 엔지니어", description="")
    PublishedJobFactory(title="영업", description="kubernetes 경험 우대")
    assert _matches(backend, "kubernetes") == {"Kubernetes 엔지니어", "영업"}
    assert _matches(backend, "kubernetes", title_only=True) == {"Kubernetes 엔지니어"}


def test_a_title_match_is_also_a_match_of_the_whole_job(backend):
    """ADR 0091: the ranking's title tier is filtered by the title condition alone, so a
    backend whose title condition found a job its whole condition does not (other analysis,
    a word matched in the title but another missing) would list jobs the search excludes."""
    PublishedJobFactory(title="Kubernetes 엔지니어", description="")
    PublishedJobFactory(title="데이터 엔지니어", description="kubernetes 운영")
    for text in ("kubernetes", "엔지니어", "엔지니어 kubernetes", "kube"):
        in_title = _matches(backend, text, title_only=True)
        assert in_title, text
        assert in_title <= _matches(backend, text), text


def test_every_query_word_must_match_through_one_of_its_alternatives(backend):
    PublishedJobFactory(title="Python 개발자")
    PublishedJobFactory(title="Java 개발자")
    assert _matches(backend, "파이썬 개발자") == {"Python 개발자"}
    assert _matches(backend, "python java") == set()


def test_scores_rank_title_and_exact_matches_higher(backend):
    title = PublishedJobFactory(title="Java Developer", description="")
    body = PublishedJobFactory(title="Engineer", description="java")
    prefix = PublishedJobFactory(title="JavaScript Developer", description="")
    query = parse("java")
    jobs = backend.scored(Job.objects.filter(backend.condition(query)), query)
    scores = dict(jobs.values_list("pk", "score"))
    assert scores[title.pk] > scores[body.pk]
    assert scores[title.pk] > scores[prefix.pk]


def test_similar_terms_suggest_known_words(backend):
    PublishedJobFactory(title="Kubernetes Engineer")
    PublishedJobFactory(title="Python Developer")
    assert backend.similar_terms("kuberntes")[0] == "kubernetes"
    assert backend.similar_terms("pyhton")[0] == "python"
    assert backend.similar_terms("pythn")[0] == "python"
    assert backend.similar_terms("zzzzzz") == []


def test_the_public_list_ranks_through_any_backend(backend):
    PublishedJobFactory(title="영업", description="python 우대")
    PublishedJobFactory(title="Python 개발자", description="")
    ranked = job_list_public(JobFilters(q="파이썬"))
    assert [job.title for job in ranked[0:10]] == ["Python 개발자", "영업"]


def _skill(code, name_ko, name_en):
    return Skill.objects.update_or_create(
        code=code, defaults={"name_ko": name_ko, "name_en": name_en}
    )[0]


def test_skill_tags_find_jobs_whose_text_never_names_them__POL_S_001(backend):
    """A job's skill tags (Korean and English names) are part of what finds it, with the
    synonyms: k8s and 쿠버네티스 find a job tagged Kubernetes, 파이썬 one tagged Python."""
    job = PublishedJobFactory(title="플랫폼 엔지니어", description="인프라를 운영합니다")
    job.skills.set([_skill("kubernetes", "Kubernetes", "Kubernetes")])
    tagged_ko = PublishedJobFactory(title="보안 담당자", description="")
    tagged_ko.skills.set([_skill("security", "정보보안", "Information security")])
    assert _matches(backend, "k8s") == {"플랫폼 엔지니어"}
    assert _matches(backend, "쿠버네티스") == {"플랫폼 엔지니어"}
    assert _matches(backend, "보안") == {"보안 담당자"}
    assert _matches(backend, "information security") == {"보안 담당자"}


def test_skill_tags_score_between_the_title_and_the_description(backend):
    """A tag says more about a job than a word of its description, less than its title;
    the first relevance tier stays the title's (a tag like "데이터 기반 의사결정" on product
    jobs must not outrank every job titled 데이터 for "데이터")."""
    titled = PublishedJobFactory(title="Python 개발자", description="")
    tagged = PublishedJobFactory(title="서버 개발자", description="")
    tagged.skills.set([_skill("python", "Python", "Python")])
    described = PublishedJobFactory(title="데이터 분석가", description="Python 사용 경험")
    assert _matches(backend, "python") == {"Python 개발자", "서버 개발자", "데이터 분석가"}
    assert _matches(backend, "python", title_only=True) == {"Python 개발자"}
    query = parse("python")
    scores = dict(
        backend.scored(Job.objects.filter(backend.condition(query)), query).values_list(
            "pk", "score"
        )
    )
    assert scores[titled.pk] > scores[tagged.pk] > scores[described.pk]


def test_untagging_a_job_forgets_the_tag(backend):
    skill = _skill("terraform", "Terraform", "Terraform")
    job = PublishedJobFactory(title="인프라 엔지니어", description="")
    skill.jobs.add(job)  # tagged from the skill's side
    assert _matches(backend, "terraform") == {"인프라 엔지니어"}
    skill.jobs.clear()
    assert _matches(backend, "terraform") == set()
    job.skills.add(skill)
    job.skills.remove(skill)
    assert _matches(backend, "terraform") == set()
