import pytest
from django.contrib.postgres.indexes import GinIndex
from django.core.management import call_command
from django.db import connection

from jobs.models import Job, JobMatchSkill, JobStatus
from jobs.selectors import JobFilters, job_list_public
from jobs.tests.factories import BannerOptionFactory, PremiumOptionFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_seed_jobs_creates_searchable_jobs(capsys):
    call_command("seed_jobs", 120, batch=50, companies=5)
    assert Job.objects.count() == 120
    assert Job.objects.filter(status=JobStatus.PUBLISHED).exists()
    assert "120/120" in capsys.readouterr().out
    sample = Job.objects.filter(status=JobStatus.PUBLISHED, deadline__isnull=True).first()
    word = sample.title.split()[0] if sample else "개발자"
    assert job_list_public(JobFilters(q=word)).count() >= 1


# Transactional (CREATE INDEX refuses pending trigger events); serialized_rollback restores
# the role groups the flush would drop.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_seed_jobs_rebuilds_every_index_after_a_bulk_load():
    """A large seed drops the job table's indexes and builds them again at the end: the
    table ends with every index the model declares (ADR 0067), and the tables it fills with
    every foreign key, dropped for the load on PostgreSQL (ADR 0086)."""
    call_command("seed_jobs", 60, batch=25, companies=3, rebuild_indexes_from=1, stdout=None)
    with connection.cursor() as cursor:
        present = connection.introspection.get_constraints(cursor, Job._meta.db_table)
    postgres = connection.vendor == "postgresql"  # GIN indexes exist on PostgreSQL only
    declared = {i.name for i in Job._meta.indexes if postgres or not isinstance(i, GinIndex)}
    assert declared <= set(present)
    assert Job.objects.count() == 60
    for model in (Job, Job.skills.through, JobMatchSkill):
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
        checked = {c["columns"][0] for c in constraints.values() if c["foreign_key"]}
        keys = {f.column for f in model._meta.concrete_fields if f.remote_field}
        assert checked == keys, model


def test_search_reindex_rebuilds_every_jobs_terms(capsys):
    """After the analysis changes, one command makes every job findable the new way."""
    job = PublishedJobFactory(title="보안 엔지니어")
    Job.objects.filter(pk=job.pk).update(title="데이터 분석가")  # no signal: index is stale
    call_command("search_reindex", "--batch", "1")
    assert "Re-indexed" in capsys.readouterr().out
    assert [j.pk for j in job_list_public(JobFilters(q="분석가"))[0:5]] == [job.pk]
    assert job_list_public(JobFilters(q="보안")).count() == 0


def test_seeded_jobs_are_indexed_as_the_search_backend_indexes_them():
    """The seeder writes search vectors with the rows (ADR 0067): they must equal what the
    search backend's own index() stores, or seeded benchmarks would search other data."""
    from jobs.search import get_backend

    call_command("seed_jobs", 40, batch=15, companies=3, stdout=None)
    vectors = ("pk", "search_vector", "title_vector")
    seeded = {pk: rest for pk, *rest in Job.objects.values_list(*vectors)}
    get_backend().index(Job.objects.all())
    assert {pk: rest for pk, *rest in Job.objects.values_list(*vectors)} == seeded
    assert job_list_public(JobFilters(q=Job.objects.first().title.split()[0])).count() >= 1


def test_seeded_jobs_have_the_matching_rows_a_save_writes__POL_S_003():
    """The seeder writes matching's rows from the jobs in memory (ADR 0086): they must equal
    what match_reindex writes from the saved jobs, or recommendations would read other
    skills."""

    def rows():
        return set(
            JobMatchSkill.objects.values_list(
                "job_id", "skill_id", "tagged", "published", "deadline"
            )
        )

    call_command("seed_jobs", 300, batch=120, companies=4, seed=11, stdout=None)
    seeded = rows()
    assert len(seeded) > 300  # tags and skills named in the text, several a job
    assert {tagged for _, _, tagged, _, _ in seeded} == {True, False}
    JobMatchSkill.objects.all().delete()
    call_command("match_reindex", verbosity=0)
    assert rows() == seeded


def test_search_reindex_resumes_after_a_job_id():
    first, second = PublishedJobFactory(title="보안 엔지니어"), PublishedJobFactory(title="간호사")
    Job.objects.update(title="회계 담당자")  # no signal: both documents are stale
    call_command("search_reindex", "--after", str(first.pk), stdout=None)
    assert [j.pk for j in job_list_public(JobFilters(q="회계"))[0:5]] == [second.pk]


def test_migration_0010_indexes_existing_jobs_skill_tags():
    """The migration that adds skill tags to the search document re-indexes the jobs
    already there (SQLite: into the rebuilt FTS5 table with its new column)."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps

    from jobs.models import JobSearchEntry, Skill

    migration = import_module("jobs.migrations.0010_search_skill_tags")
    job = PublishedJobFactory(title="플랫폼 엔지니어", description="")
    Job.skills.through.objects.create(job=job, skill=Skill.objects.get(code="kubernetes"))
    Job.objects.update(search_vector=None)  # no signal: as before the migration
    if connection.vendor == "sqlite":
        JobSearchEntry.objects.all().delete()
    # SQLite's schema editor refuses to open inside the test's transaction; the migration
    # only executes statements through it.
    with connection.cursor() as cursor:
        migration.reindex(apps, SimpleNamespace(connection=connection, execute=cursor.execute))
    assert [j.pk for j in job_list_public(JobFilters(q="쿠버네티스"))[0:5]] == [job.pk]


def _latest_premium_ends() -> dict:
    from django.db.models import Max

    from jobs.models import JobOption

    premium = JobOption.objects.filter(kind="premium").values("job_id")
    return dict(premium.annotate(until=Max("ends_at")).values_list("job_id", "until"))


def test_seeded_premium_jobs_rank_as_premium__POL_J_005():
    """seed_jobs writes its options in bulk; their jobs' premium_until follows them."""
    call_command("seed_jobs", 400, batch=200, companies=3, seed=7, stdout=None)
    flagged = dict(
        Job.objects.filter(premium_until__isnull=False).values_list("pk", "premium_until")
    )
    assert flagged == _latest_premium_ends()
    assert flagged  # 1 % of the published jobs: some, with this seed


def test_migration_0013_fills_premium_until_from_the_options__POL_J_005():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("jobs.migrations.0013_job_premium_until")
    premium, banner, plain = PremiumOptionFactory(), BannerOptionFactory(), PublishedJobFactory()
    Job.objects.update(premium_until=None)  # as before the migration
    migration.fill_premium_until(apps, None)
    assert dict(Job.objects.values_list("pk", "premium_until")) == {
        premium.job_id: premium.ends_at,
        banner.job_id: None,
        plain.pk: None,
    }
    assert [job.pk for job in job_list_public()[0:5] if job.is_premium] == [premium.job_id]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the title vector is PostgreSQL's (SQLite keeps the terms in its FTS5 table)",
)
def test_migration_0019_fills_the_title_vectors_a_save_writes__POL_S_001():
    """Existing jobs get the title and company terms of their search vector, the same
    vectors indexing writes, so their first-tier matches stay where they were (ADR 0096)."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps

    migration = import_module("jobs.migrations.0019_title_vector_and_walk_index")
    in_title = PublishedJobFactory(title="품질관리 엔지니어", description="반도체 공정")
    in_body = PublishedJobFactory(title="공정 엔지니어", description="품질관리 업무 포함")
    written = dict(Job.objects.values_list("pk", "title_vector"))
    assert all(written.values())
    Job.objects.update(title_vector=None)  # as before the migration
    migration.fill_title_vectors(apps, SimpleNamespace(connection=connection))
    assert dict(Job.objects.values_list("pk", "title_vector")) == written
    results = list(job_list_public(JobFilters(q="품질관리"))[0:5])
    assert [j.pk for j in results] == [in_title.pk, in_body.pk]
