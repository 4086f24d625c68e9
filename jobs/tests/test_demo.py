"""The demo content generator (jobs.demo) and `load_demo`: deterministic, every category,
a search for 개발 finds development jobs only, logos served with caching headers."""

import pytest
from django.core.management import call_command

from accounts.models import Company
from jobs.demo.generator import generate_job, generate_jobs
from jobs.demo.roles import ROLES
from jobs.models import Category, Job, JobOption, JobOptionKind
from jobs.selectors import JobFilters, job_list_home, job_list_public


def test_generator_is_deterministic_and_slices_independently():
    assert generate_job(123) == generate_job(123)
    assert list(generate_jobs(3, start=10)) == [generate_job(i) for i in range(10, 13)]
    assert generate_job(5, seed=1) != generate_job(5, seed=2)


def test_generator_varies_what_korean_boards_show():
    jobs = list(generate_jobs(400))
    assert {j.category for j in jobs} == {r.category for r in ROLES}
    assert len({j.description for j in jobs}) == 400
    assert {j.salary_mode for j in jobs} == {"range", "company_policy", "after_interview"}
    assert {j.experience for j in jobs} == {"new", "experienced", "any"}
    assert any(j.deadline_in_days is None for j in jobs)
    assert any(j.language == "en" for j in jobs)


def test_only_development_roles_say_개발():
    for role in ROLES:
        if role.category not in ("software", "data"):
            assert "개발" not in repr(role), role.key


@pytest.mark.django_db
def test_load_demo_fills_a_busy_board_idempotently__POL_J_005(client):
    call_command("load_demo", stdout=None)
    counts = (Job.objects.count(), JobOption.objects.count(), Company.objects.count())
    call_command("load_demo", stdout=None)
    assert (Job.objects.count(), JobOption.objects.count(), Company.objects.count()) == counts
    assert counts[0] >= 200
    assert counts[2] >= 20
    assert Company.objects.exclude(logo_version="").count() >= 20
    assert set(Category.objects.filter(jobs__isnull=False).values_list("code", flat=True)) == set(
        Category.objects.values_list("code", flat=True)
    )
    assert len(job_list_home().banner) >= 2
    assert job_list_public()[0].is_premium
    assert JobOption.objects.filter(kind=JobOptionKind.PREMIUM).count() >= 3
    development = job_list_public(JobFilters(q="개발"))
    categories = {job.category.code for job in development[0:200]}
    assert development.count() >= 20
    assert categories <= {"software", "data"}


@pytest.mark.django_db
def test_logo_is_served_with_long_caching_when_versioned__POL_J_007(client):
    call_command("load_demo", jobs=30, stdout=None)
    company = Company.objects.exclude(logo_version="").first()
    url = f"/companies/{company.pk}/logo-96.png"
    versioned = client.get(url, {"v": company.logo_version})
    assert versioned.status_code == 200
    assert versioned["Content-Type"] == "image/png"
    assert "immutable" in versioned["Cache-Control"]
    assert "max-age=31536000" in versioned["Cache-Control"]
    assert b"".join(versioned.streaming_content).startswith(b"\x89PNG")
    unversioned = client.get(url)
    assert "max-age=300" in unversioned["Cache-Control"]
    assert b"".join(unversioned.streaming_content)  # read to the end, which closes the file
    assert client.get(f"/companies/{company.pk}/logo-97.png").status_code == 404
