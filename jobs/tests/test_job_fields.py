"""POL-J-006: experience, education, skills, 상시채용 and salary modes — rules, filters, pages,
API and JSON-LD."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import RecruiterFactory
from jobs.display import dday, salary_label
from jobs.models import Job, Skill
from jobs.rules import experience_errors, salary_errors
from jobs.selectors import JobFilters, job_list_public
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter():
    return RecruiterFactory()


def _titles(filters):
    return sorted(job.title for job in job_list_public(filters)[0:50])


@pytest.mark.parametrize(
    ("mode", "low", "high", "field"),
    [
        ("range", None, None, "salary_min"),
        ("range", 60, 50, "salary_max"),
        ("company_policy", 10, None, "salary_mode"),
        ("range", 50, 60, None),
        ("range", 50, None, None),
        ("after_interview", None, None, None),
    ],
)
def test_salary_rule_has_one_answer_per_mode__POL_J_006(mode, low, high, field):
    assert list(salary_errors(salary_mode=mode, salary_min=low, salary_max=high)) == (
        [field] if field else []
    )


@pytest.mark.parametrize(
    ("kind", "low", "high", "field"),
    [
        ("experienced", None, None, "experience_min_years"),
        ("experienced", 5, 3, "experience_max_years"),
        ("experienced", 41, None, "experience_min_years"),
        ("new", 2, None, "experience_min_years"),
        ("experienced", 3, None, None),
        ("experienced", 3, 5, None),
        ("any", None, None, None),
    ],
)
def test_experience_rule__POL_J_006(kind, low, high, field):
    assert list(experience_errors(experience=kind, min_years=low, max_years=high)) == (
        [field] if field else []
    )


def test_salary_reads_in_manwon_and_phrases__POL_J_006():
    job = Job(salary_mode="range", salary_min=55_000_000, salary_max=80_000_000)
    assert salary_label(job) == "연 5,500~8,000만원"
    assert salary_label(Job(salary_mode="range", salary_min=30_000_000)) == "연 3,000만원 이상"
    assert salary_label(Job(salary_mode="company_policy")) == "회사 내규에 따름"
    assert salary_label(Job(salary_mode="after_interview")) == "면접 후 결정"


def test_dday_badge__POL_J_006():
    today = timezone.localdate()
    assert dday(Job(deadline=today + timedelta(days=7)), today)["label"] == "D-7"
    assert dday(Job(deadline=today), today)["label"] == "오늘 마감"
    assert dday(Job(deadline=None), today)["label"] == "상시"


def test_filters_by_experience_education_skills_and_deadline_combine__POL_J_006():
    python = Skill.objects.get(code="python")
    newcomer = PublishedJobFactory(title="new", experience="new")
    senior = PublishedJobFactory(
        title="senior", experience="experienced", experience_min_years=5, experience_max_years=8
    )
    PublishedJobFactory(title="anyone", experience="any", education="master", deadline=None)
    newcomer.skills.add(python)
    senior.skills.add(python)
    assert _titles(JobFilters(experience="new")) == ["anyone", "new"]
    assert _titles(JobFilters(experience="experienced", experience_years=3)) == ["anyone"]
    assert _titles(JobFilters(experience="experienced", experience_years=6)) == [
        "anyone",
        "senior",
    ]
    assert _titles(JobFilters(education="bachelor")) == ["new", "senior"]
    assert _titles(JobFilters(skills=("python",))) == ["new", "senior"]
    assert _titles(JobFilters(deadline="rolling")) == ["anyone"]
    assert _titles(JobFilters(skills=("python",), experience="new", q="new")) == ["new"]


def test_list_page_salary_filter_takes_manwon_and_shows_chips__POL_J_006(client):
    PublishedJobFactory(title="well paid", salary_min=60_000_000, salary_max=80_000_000)
    PublishedJobFactory(title="less paid", salary_min=30_000_000, salary_max=40_000_000)
    page = client.get("/jobs/", {"salary": "5000", "skills": "python"}).content.decode()
    assert "well paid" not in page  # no job carries the python tag
    page = client.get("/jobs/", {"salary": "5000"}).content.decode()
    assert "well paid" in page
    assert "less paid" not in page
    assert "연 5,000만원 이상" in page  # the chip
    assert 'class="chip" href="/jobs/"' in page  # removing the only filter


def test_list_page_drops_empty_parameters_from_the_url(client):
    response = client.get("/jobs/?q=&location=&salary=5000&remote=")
    assert response.status_code == 302
    assert response["Location"] == "/jobs/?salary=5000"
    assert client.get("/jobs/", {"salary": "not-a-number"}).status_code == 200


def test_job_page_shows_fields_and_json_ld__POL_J_006(client):
    job = PublishedJobFactory(
        experience="experienced",
        experience_min_years=3,
        education="master",
        salary_mode="after_interview",
        salary_min=None,
        salary_max=None,
        deadline=None,
    )
    job.skills.add(Skill.objects.get(code="django"))
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    for text in ("경력 3년 이상", "석사 이상", "면접 후 결정", "상시채용", "Django"):
        assert text in page
    data = json.loads(re.search(r'ld\+json"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert data["experienceRequirements"]["monthsOfExperience"] == 36
    assert data["educationRequirements"]["credentialCategory"] == "postgraduate degree"
    assert data["skills"] == "Django"
    assert "validThrough" not in data
    assert "baseSalary" not in data


def test_json_ld_salary_and_deadline_when_stated__POL_J_006(client):
    job = PublishedJobFactory(salary_min=50_000_000, salary_max=70_000_000)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    data = json.loads(re.search(r'ld\+json"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "minValue": 50_000_000,
        "maxValue": 70_000_000,
    }
    assert data["validThrough"].startswith(job.deadline.isoformat())
    assert data["experienceRequirements"] == "no requirements"


def test_form_refuses_a_missing_deadline_choice_and_bad_years__POL_J_006(
    browser_client_for, recruiter
):
    from jobs.tests.test_views import _form

    browser = browser_client_for(recruiter)
    body = _form(deadline_type="date", experience="experienced", salary_min="7000")
    page = browser.post("/jobs/new/", body).content.decode()
    assert "마감일을 입력하거나 상시채용을 선택하세요." in page
    assert "최소 경력 연수를 입력하세요." in page
    assert "최대 연봉은 최소 연봉 이상이어야 합니다." in page
    assert not Job.objects.exists()
    assert "---------" not in browser.get("/jobs/new/").content.decode()


def test_form_saves_manwon_as_won_and_skills__POL_J_006(browser_client_for, recruiter):
    from jobs.tests.test_views import _form

    browser = browser_client_for(recruiter)
    python = Skill.objects.get(code="python")
    body = _form(
        deadline_type="date",
        deadline=(timezone.localdate() + timedelta(days=9)).isoformat(),
        experience="experienced",
        experience_min_years="2",
        skills=[python.pk],
    )
    assert browser.post("/jobs/new/", body).status_code == 302
    job = Job.objects.get()
    assert (job.salary_min, job.salary_max) == (40_000_000, 60_000_000)
    assert list(job.skills.all()) == [python]
    edit = browser.get(f"/jobs/{job.pk}/edit/").content.decode()
    assert 'value="4000"' in edit  # shown back in 만원


def test_api_writes_and_filters_new_fields__POL_J_006(api_client_for, recruiter):
    client = api_client_for(recruiter)
    body = {
        "title": "데이터 엔지니어",
        "description": "Spark",
        "category": "data",
        "location": "seoul",
        "employment_type": "full_time",
        "experience": "experienced",
        "experience_min_years": 3,
        "education": "bachelor",
        "skills": ["python", "spark"],
        "publish": True,
    }
    created = client.post("/api/v1/jobs", body)
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["salary_mode"] == "company_policy"
    assert data["deadline_type"] == "rolling"
    assert [s["code"] for s in data["skills"]] == ["python", "spark"]
    listed = client.get("/api/v1/jobs", {"skills": ["spark"], "experience": "experienced"})
    assert [j["id"] for j in listed.json()["results"]] == [data["id"]]
    assert client.get("/api/v1/jobs", {"education": "high_school"}).json()["total"] == 0
    bad = client.patch(
        f"/api/v1/jobs/{data['id']}",
        {"salary_mode": "range", "salary_min": 9, "salary_max": 1},
    )
    assert bad.status_code == 400
    assert "salary_max" in bad.json()["errors"]
    policy = client.patch(f"/api/v1/jobs/{data['id']}", {"salary_mode": "after_interview"})
    assert policy.json()["salary_min"] is None
    assert client.get("/api/v1/skills").json()[0]["code"] == "python"
