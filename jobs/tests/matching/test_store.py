"""Each job's skills for matching are stored when it is saved (POL-S-003, ADR 0075)."""

import pytest
from django.core.management import call_command

from jobs.matching.store import extract_skills
from jobs.models import JobMatchSkill, SearchSynonym, Skill
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def codes(job, **filters):
    rows = JobMatchSkill.objects.filter(job=job, **filters)
    return set(rows.values_list("skill__code", flat=True))


def test_skills_named_in_the_text_are_stored_on_save__POL_S_003():
    job = PublishedJobFactory(
        title="파이썬 백엔드 개발자", description="Django와 PostgreSQL, AWS 경험. 쿠버네티스 우대"
    )
    assert codes(job) == {"python", "django", "postgresql", "aws", "kubernetes"}
    row = JobMatchSkill.objects.filter(job=job).first()
    assert row.published
    assert row.deadline == job.deadline
    assert not row.tagged


def test_tags_count_and_are_marked__POL_S_003():
    job = PublishedJobFactory(title="Designer", description="Make things clear.")
    job.skills.add(Skill.objects.get(code="figma"))
    assert codes(job) == {"figma"}
    assert codes(job, tagged=True) == {"figma"}
    job.skills.clear()
    assert codes(job) == set()


def test_editing_the_text_and_closing_the_job_rewrite_the_rows():
    job = PublishedJobFactory(description="Java와 Spring Boot")
    assert codes(job) == {"java", "spring"}
    job.description = "Kotlin"
    job.status = "closed"
    job.save()
    assert codes(job) == {"kotlin"}
    assert not JobMatchSkill.objects.filter(job=job, published=True).exists()
    assert not JobMatchSkill.objects.filter(job=ClosedJobFactory(description="Go"), published=True)


def test_an_admins_new_synonym_is_used_for_the_next_text():
    assert extract_skills("녹슬지 않는 러스트 언어") == {"rust"}
    SearchSynonym.objects.filter(terms__startswith="러스트").delete()
    assert extract_skills("녹슬지 않는 러스트 언어") == set()
    SearchSynonym.objects.create(terms="러스트, rust")
    assert extract_skills("녹슬지 않는 러스트 언어") == {"rust"}


def test_match_reindex_rebuilds_the_rows_of_existing_jobs():
    job = PublishedJobFactory(description="Redis와 Kafka")
    JobMatchSkill.objects.all().delete()
    call_command("match_reindex", verbosity=0)
    assert codes(job) == {"redis", "kafka"}
