"""Recommended jobs from the profile and stored résumés (POL-S-003)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from accounts.tests.factories import JobseekerFactory
from candidates.matching import recommendation_list, seeker_for, seekers_for
from candidates.resumes import DOCX
from candidates.services import profile_update, stored_resume_add, stored_resume_delete
from candidates.tests.factories import PDF_BYTES, pdf_upload
from candidates.tests.test_resume_text import docx_with_text
from jobs.matching.score import Seeker
from jobs.models import Category, Location, Skill
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def skills(*codes):
    return Skill.objects.filter(code__in=codes)


def docx_resume(*lines):
    return SimpleUploadedFile("cv.docx", docx_with_text(*lines), content_type=DOCX)


def full_profile(user):
    """Every profile field and list said, and a stored résumé naming Spring."""
    profile_update(
        user=user,
        skills=skills("kotlin"),
        desired_categories=Category.objects.filter(code="software"),
        desired_locations=Location.objects.filter(code="busan"),
        experience_years=2,
        education="bachelor",
        desired_salary_manwon=4500,
    )
    stored_resume_add(user=user, resume=docx_resume("Spring Boot"))


def test_a_stored_resume_keeps_the_skills_its_text_names__POL_S_003():
    user = JobseekerFactory()
    resume = stored_resume_add(user=user, resume=docx_resume("파이썬과 Django로 3년", "AWS 운영"))
    assert set(resume.skills.values_list("code", flat=True)) == {"python", "django", "aws"}
    assert seeker_for(user).skills == {"python", "django", "aws"}


def test_an_unreadable_resume_is_stored_with_no_skills__POL_S_003():
    user = JobseekerFactory()
    resume = stored_resume_add(user=user, resume=pdf_upload(content=PDF_BYTES))
    assert resume.pk
    assert not resume.skills.exists()


def test_the_seeker_joins_profile_and_resumes():
    user = JobseekerFactory()
    full_profile(user)
    seeker = seeker_for(user)
    assert seeker.skills == {"kotlin", "spring"}
    assert seeker.categories == {"software"}
    assert seeker.locations == {"busan"}
    assert (seeker.experience_years, seeker.education, seeker.desired_salary) == (
        2,
        "bachelor",
        4500,
    )


def test_recommendations_rank_by_fit_with_reasons__POL_S_003():
    user = JobseekerFactory()
    profile_update(user=user, skills=skills("python", "django"))
    fits = PublishedJobFactory(title="Python 개발자", description="Django")
    half = PublishedJobFactory(title="Python 개발자", description="Java, Spring")
    with translation.override("ko"):
        found = recommendation_list(user=user)
    assert [r.job.pk for r in found] == [fits.pk, half.pk]
    assert found[0].fit.reasons[0].text == "필요 기술 2개 중 2개 보유 (Django, Python)"


def test_a_profile_edit_shows_at_once_though_the_list_is_cached():
    user = JobseekerFactory()
    java = PublishedJobFactory(title="Java 개발자", description="Spring")
    python = PublishedJobFactory(title="Python 개발자", description="Django")
    profile_update(user=user, skills=skills("java"))
    assert recommendation_list(user=user)[0].job.pk == java.pk
    profile_update(user=user, skills=skills("python", "django"))
    assert recommendation_list(user=user)[0].job.pk == python.pk


def test_a_new_resume_and_its_removal_show_at_once():
    user = JobseekerFactory()
    go = PublishedJobFactory(title="Go 개발자", description="Go, Kafka")
    PublishedJobFactory(title="Android 개발자", description="Kotlin")
    profile_update(user=user, skills=skills("kotlin"))
    assert recommendation_list(user=user)[0].job.pk != go.pk
    resume = stored_resume_add(user=user, resume=docx_resume("Go와 Kafka 4년"))
    profile_update(user=user, skills=[])
    assert recommendation_list(user=user)[0].job.pk == go.pk
    stored_resume_delete(user=user, resume_id=resume.pk)
    assert seeker_for(user).skills == frozenset()


def test_a_job_closed_after_caching_is_not_shown():
    user = JobseekerFactory()
    job = PublishedJobFactory(description="Python")
    assert [r.job.pk for r in recommendation_list(user=user)] == [job.pk]
    job.status = "closed"
    job.save()
    assert recommendation_list(user=user) == []


def test_resume_text_reader_is_not_given_a_file_name():
    """The text comes from the bytes (POL-AP-002's checks ran first), not from the name."""
    upload = SimpleUploadedFile("cv.pdf", docx_with_text("Python"), content_type="application/pdf")
    resume = stored_resume_add(user=JobseekerFactory(), resume=upload)
    assert resume.content_type == DOCX
    assert list(resume.skills.values_list("code", flat=True)) == ["python"]


def test_the_home_page_shows_recommended_jobs_with_reasons__POL_S_003(browser_client_for):
    user = JobseekerFactory()
    profile_update(user=user, skills=skills("python"))
    job = PublishedJobFactory(title="파이썬 개발자", description="Django")
    page = browser_client_for(user).get("/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "추천 채용공고" in page
    assert f'href="/jobs/{job.pk}/"' in page
    assert "필요 기술 2개 중 1개 보유 (Python)" in page


def test_guests_and_recruiters_see_no_recommendations(client, browser_client_for):
    from accounts.tests.factories import RecruiterFactory

    PublishedJobFactory(description="Python")
    assert "추천 채용공고" not in client.get("/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    page = browser_client_for(RecruiterFactory()).get("/", HTTP_ACCEPT_LANGUAGE="ko")
    assert "추천 채용공고" not in page.content.decode()


def test_many_seekers_are_read_in_one_query__POL_S_003(django_assert_num_queries):
    """A job's applicants (applications.matching) are read in bulk."""
    full = JobseekerFactory()
    full_profile(full)
    resume_only = JobseekerFactory()
    stored_resume_add(user=resume_only, resume=docx_resume("Python, Django"))
    nothing = JobseekerFactory()
    with django_assert_num_queries(1):
        seekers = seekers_for([full.pk, resume_only.pk, nothing.pk])
    assert seekers[full.pk] == Seeker(
        skills=frozenset({"kotlin", "spring"}),
        categories=frozenset({"software"}),
        locations=frozenset({"busan"}),
        experience_years=2,
        education="bachelor",
        desired_salary=4500,
    )
    assert seekers[resume_only.pk] == Seeker(skills=frozenset({"python", "django"}))
    assert seekers[nothing.pk] == Seeker()
