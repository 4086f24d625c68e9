import pytest
from django.core.management import call_command

from jobs.models import Job, JobStatus
from jobs.selectors import JobFilters, job_list_public

pytestmark = pytest.mark.django_db


def test_seed_jobs_creates_searchable_jobs(capsys):
    call_command("seed_jobs", 120, batch=50, companies=5)
    assert Job.objects.count() == 120
    assert Job.objects.filter(status=JobStatus.PUBLISHED).exists()
    assert "120/120" in capsys.readouterr().out
    sample = Job.objects.filter(status=JobStatus.PUBLISHED, deadline__isnull=True).first()
    word = sample.title.split()[0] if sample else "개발자"
    assert job_list_public(JobFilters(q=word)).count() >= 1
