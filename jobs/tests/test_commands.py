import pytest
from django.core.management import call_command

from jobs.models import Job, JobOption, JobStatus
from jobs.selectors import JobFilters, job_list_banner, job_list_public
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_shows_ranking__POL_J_005():
    call_command("load_demo", stdout=None)
    counts = (Job.objects.count(), JobOption.objects.count())
    call_command("load_demo", stdout=None)
    assert (Job.objects.count(), JobOption.objects.count()) == counts
    assert job_list_banner()
    assert job_list_public()[0].is_premium


def test_seed_jobs_creates_searchable_jobs(capsys):
    call_command("seed_jobs", 120, batch=50, companies=5)
    assert Job.objects.count() == 120
    assert Job.objects.filter(status=JobStatus.PUBLISHED).exists()
    assert "120/120" in capsys.readouterr().out
    sample = Job.objects.filter(status=JobStatus.PUBLISHED, deadline__isnull=True).first()
    word = sample.title.split()[0] if sample else "개발자"
    assert job_list_public(JobFilters(q=word)).count() >= 1


def test_search_reindex_rebuilds_every_jobs_terms(capsys):
    """After the analysis changes, one command makes every job findable the new way."""
    job = PublishedJobFactory(title="보안 엔지니어")
    Job.objects.filter(pk=job.pk).update(title="데이터 분석가")  # no signal: index is stale
    call_command("search_reindex", "--batch", "1")
    assert "Re-indexed" in capsys.readouterr().out
    assert [j.pk for j in job_list_public(JobFilters(q="분석가"))[0:5]] == [job.pk]
    assert job_list_public(JobFilters(q="보안")).count() == 0
