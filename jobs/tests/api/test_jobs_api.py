"""The jobs API (listJobs, getJob, createJob, replaceJob, updateJob, closeJob). Every
response is checked against openapi/api-spec.yaml by the client fixtures."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from jobs.models import Job, JobOptionKind, JobStatus, Skill
from jobs.tests.factories import (
    ClosedJobFactory,
    DraftJobFactory,
    PremiumOptionFactory,
    PublishedJobFactory,
)

pytestmark = pytest.mark.django_db

BODY = {
    "title": "데이터 엔지니어",
    "description": "Airflow 와 Spark",
    "category": "data",
    "location": "busan",
    "employment_type": "contract",
    "remote": True,
    "salary_min": 50_000_000,
    "salary_max": 80_000_000,
}


def test_list_is_paginated_with_total_and_premium_first__POL_J_005(api_client):
    PublishedJobFactory.create_batch(3)
    premium = PremiumOptionFactory().job
    body = api_client.get("/api/v1/jobs", {"limit": 2}).json()
    assert body["total"] == 4
    assert body["limit"] == 2
    assert body["results"][0]["id"] == premium.pk
    assert body["results"][0]["is_premium"] is True
    assert body["results"][0]["company"]["name"] == premium.company.name
    assert api_client.get("/api/v1/jobs", {"limit": 2, "page": 2}).json()["page"] == 2


def test_list_filters_and_sorts(api_client):
    PublishedJobFactory(title="원격", remote=True, salary_min=1, salary_max=90_000_000)
    PublishedJobFactory(title="사무실")
    assert [j["title"] for j in api_client.get("/api/v1/jobs?remote=true").json()["results"]] == [
        "원격"
    ]
    by_salary = api_client.get("/api/v1/jobs", {"sort": "salary"}).json()["results"]
    assert by_salary[0]["title"] == "원격"
    found = api_client.get("/api/v1/jobs", {"q": "사무실", "location": "seoul"}).json()
    assert found["total"] == 1


def test_list_rejects_bad_parameters_per_field(api_client):
    response = api_client.get("/api/v1/jobs", {"sort": "random", "salary_min": -1})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert set(response.json()["errors"]) == {"sort", "salary_min"}


def test_list_page_past_the_end_is_empty_with_the_total(api_client):
    PublishedJobFactory()
    body = api_client.get("/api/v1/jobs", {"page": 9}).json()
    assert (body["results"], body["page"], body["total"]) == ([], 9, 1)


def test_list_excludes_closed_and_drafts__POL_J_002(api_client):
    ClosedJobFactory()
    DraftJobFactory()
    assert api_client.get("/api/v1/jobs").json()["total"] == 0


def test_get_closed_job_says_closed__POL_J_002(api_client):
    job = ClosedJobFactory()
    body = api_client.get(f"/api/v1/jobs/{job.pk}").json()
    assert body["status"] == "closed"
    assert body["is_closed"] is True
    assert body["is_open"] is False


def test_get_job_with_active_options(api_client):
    job = PremiumOptionFactory().job
    body = api_client.get(f"/api/v1/jobs/{job.pk}").json()
    assert [o["kind"] for o in body["options"]] == ["premium"]
    assert body["is_premium"] is True


def test_ended_and_future_options_are_not_shown__POL_J_005(api_client):
    """The job's page and API read every option the job ever had and keep the active ones."""
    now = timezone.now()
    job = PremiumOptionFactory(
        starts_at=now - timedelta(days=40), ends_at=now - timedelta(days=10)
    ).job
    PremiumOptionFactory(
        job=job,
        kind=JobOptionKind.BANNER,
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=8),
    )
    body = api_client.get(f"/api/v1/jobs/{job.pk}").json()
    assert body["options"] == []
    assert body["is_premium"] is False
    PremiumOptionFactory(job=job, kind=JobOptionKind.BANNER)
    body = api_client.get(f"/api/v1/jobs/{job.pk}").json()
    assert [o["kind"] for o in body["options"]] == ["banner"]


def test_a_skill_added_elsewhere_shows_on_the_job(api_client):
    """Skills come from the rows this process holds: one added by another process (no
    signal here, as bulk_create sends none) makes it read them again."""
    job = PublishedJobFactory()
    api_client.get(f"/api/v1/jobs/{job.pk}")  # this process now holds the skills
    (added,) = Skill.objects.bulk_create([Skill(code="zig-lang", name_ko="Zig", name_en="Zig")])
    job.skills.add(added)
    body = api_client.get(f"/api/v1/jobs/{job.pk}").json()
    assert "zig-lang" in [skill["code"] for skill in body["skills"]]


def test_draft_hidden_from_others__POL_J_003(api_client, api_client_for):
    job = DraftJobFactory()
    assert api_client.get(f"/api/v1/jobs/{job.pk}").status_code == 404
    assert api_client_for(JobseekerFactory()).get(f"/api/v1/jobs/{job.pk}").status_code == 404
    assert api_client_for(job.owner).get(f"/api/v1/jobs/{job.pk}").status_code == 200


def test_create_job_201_draft__POL_J_001(api_client_for):
    recruiter = RecruiterFactory()
    response = api_client_for(recruiter).post("/api/v1/jobs", BODY, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["location"]["code"] == "busan"
    assert response["Location"] == f"/api/v1/jobs/{body['id']}"
    assert Job.objects.get(pk=body["id"]).owner == recruiter


def test_create_and_publish(api_client_for):
    client = api_client_for(RecruiterFactory())
    body = client.post("/api/v1/jobs", {**BODY, "publish": True}, format="json").json()
    assert body["status"] == "published"


def test_create_validates_per_field__POL_J_004(api_client_for):
    client = api_client_for(RecruiterFactory())
    bad = {**BODY, "salary_min": 90_000_000, "salary_max": 1, "category": "nope"}
    response = client.post("/api/v1/jobs", bad, format="json")
    assert response.status_code == 400
    assert "category" in response.json()["errors"]
    bad = {**BODY, "salary_min": 90_000_000, "salary_max": 1}
    assert "salary_max" in client.post("/api/v1/jobs", bad, format="json").json()["errors"]
    missing = client.post("/api/v1/jobs", {}, format="json").json()["errors"]
    assert {"title", "description", "category", "location", "employment_type"} <= set(missing)


def test_jobseeker_cannot_create__POL_J_001(api_client_for, api_client):
    assert api_client_for(JobseekerFactory()).post("/api/v1/jobs", BODY).status_code == 403
    assert api_client.post("/api/v1/jobs", BODY).status_code == 401


def test_patch_and_put_by_owner__POL_J_001(api_client_for):
    job = PublishedJobFactory()
    client = api_client_for(job.owner)
    assert client.patch(f"/api/v1/jobs/{job.pk}", {"title": "변경"}).json()["title"] == "변경"
    body = client.put(f"/api/v1/jobs/{job.pk}", BODY, format="json").json()
    assert body["location"]["code"] == "busan"
    assert body["status"] == "published"


def test_put_requires_every_field(api_client_for):
    job = PublishedJobFactory()
    response = api_client_for(job.owner).put(f"/api/v1/jobs/{job.pk}", {"title": "x"})
    assert response.status_code == 400


def test_patch_by_other_recruiter_is_403_admin_may__POL_J_001(api_client_for):
    job = PublishedJobFactory()
    url = f"/api/v1/jobs/{job.pk}"
    assert api_client_for(RecruiterFactory()).patch(url, {"title": "x"}).status_code == 403
    assert api_client_for(AdminFactory()).patch(url, {"title": "y"}).status_code == 200


def test_patch_closed_job_is_409__POL_J_002(api_client_for):
    job = ClosedJobFactory()
    response = api_client_for(job.owner).patch(f"/api/v1/jobs/{job.pk}", {"title": "x"})
    assert response.status_code == 409


def test_patch_salary_range_against_stored_value__POL_J_004(api_client_for):
    job = PublishedJobFactory(salary_min=10, salary_max=20)
    response = api_client_for(job.owner).patch(f"/api/v1/jobs/{job.pk}", {"salary_min": 30})
    assert response.status_code == 400
    assert "salary_max" in response.json()["errors"]


def test_delete_closes_softly__POL_J_002(api_client_for, api_client):
    job = PublishedJobFactory()
    assert api_client_for(job.owner).delete(f"/api/v1/jobs/{job.pk}").status_code == 204
    job.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    assert api_client.get(f"/api/v1/jobs/{job.pk}").json()["is_closed"] is True
    assert api_client.get("/api/v1/jobs").json()["total"] == 0


def test_delete_unknown_job_is_404(api_client_for):
    assert api_client_for(AdminFactory()).delete("/api/v1/jobs/999999").status_code == 404


def test_categories_and_locations(api_client):
    codes = [c["code"] for c in api_client.get("/api/v1/categories").json()]
    assert codes[0] == "software"
    assert "seoul" in [loc["code"] for loc in api_client.get("/api/v1/locations").json()]


@pytest.mark.parametrize("count", [1, 50])
def test_list_runs_a_fixed_number_of_queries(api_client, django_assert_max_num_queries, count):
    PublishedJobFactory.create_batch(count)
    PremiumOptionFactory()
    # Counts (premium, rest), the two page slices, the page's skills: none per row.
    with django_assert_max_num_queries(5):
        assert api_client.get("/api/v1/jobs", {"limit": 50}).status_code == 200


def test_detail_runs_a_fixed_number_of_queries(api_client, django_assert_max_num_queries):
    job = PremiumOptionFactory().job
    with django_assert_max_num_queries(3):  # the job, its options, its skills
        assert api_client.get(f"/api/v1/jobs/{job.pk}").status_code == 200


def test_list_pages_are_cached_until_a_job_changes__POL_J_002(
    api_client, django_assert_num_queries
):
    job = PublishedJobFactory()
    assert api_client.get("/api/v1/jobs").json()["total"] == 1
    with django_assert_num_queries(0):
        assert api_client.get("/api/v1/jobs").json()["total"] == 1
    job.status = JobStatus.CLOSED
    job.save()
    assert api_client.get("/api/v1/jobs").json()["total"] == 0


@override_settings(JOBS_COUNT_CAP=2, JOBS_SEARCH_COUNT_CAP=1)
def test_list_total_is_capped_and_says_so(api_client):
    """ADR 0069: past JOBS_COUNT_CAP regular matches the total is a lower bound; a text
    search stops at JOBS_SEARCH_COUNT_CAP (ADR 0085), and its pages end there (a page past
    the end is empty)."""
    for _ in range(3):
        PublishedJobFactory(title="데이터 엔지니어")
    body = api_client.get("/api/v1/jobs").json()
    assert (body["total"], body["total_capped"], len(body["results"])) == (2, True, 2)
    searched = api_client.get("/api/v1/jobs", {"q": "데이터", "limit": 1}).json()
    assert (searched["total"], searched["total_capped"]) == (1, True)
    past = api_client.get("/api/v1/jobs", {"q": "데이터", "limit": 1, "page": 2}).json()
    assert (past["total"], past["results"]) == (1, [])
    assert api_client.get("/api/v1/jobs", {"q": "zzz-none"}).json()["total_capped"] is False


def test_detail_answer_is_what_the_detail_serializer_gives(api_client):
    """getJob is built without the ModelSerializer (issue 17): field by field the same, for
    jobs with and without options, skills, logo, deadline, salary and years."""
    from datetime import date

    from jobs.api.serializers import JobDetailSerializer, job_detail_data
    from jobs.models import Skill
    from jobs.selectors import job_get_visible

    premium = PremiumOptionFactory().job
    premium.skills.set(Skill.objects.filter(code__in=["python", "kubernetes"]))
    premium.company.logo_version = 3
    premium.company.save()
    plain = PublishedJobFactory(
        deadline=None,
        salary_mode="company_policy",
        salary_min=None,
        salary_max=None,
        experience="experienced",
        experience_min_years=3,
        experience_max_years=None,
    )
    closed = ClosedJobFactory(deadline=date(2030, 1, 31))
    for job in (premium, plain, closed):
        found = job_get_visible(pk=job.pk)
        assert job_detail_data(found) == JobDetailSerializer(found).data
        assert api_client.get(f"/api/v1/jobs/{job.pk}").json() == job_detail_data(found)
    shown = job_detail_data(job_get_visible(pk=premium.pk))
    assert "highlights" not in shown
    assert (len(shown["options"]), len(shown["skills"])) == (1, 2)
    assert shown["company"]["logo"]


def test_list_items_are_what_the_list_item_serializer_gives(api_client):
    """listJobs items are built without the ModelSerializer (issue 17): field by field the
    same, with and without a search's highlights, premium or not, in the API's answer."""
    from jobs.api.serializers import JobListItemSerializer, job_list_item_data
    from jobs.models import Skill
    from jobs.search import parse
    from jobs.search.highlight import attach_highlights
    from jobs.selectors import JobFilters, job_list_public

    premium = PremiumOptionFactory(job__title="데이터 엔지니어").job
    premium.skills.set(Skill.objects.filter(code__in=["python", "kubernetes"]))
    PublishedJobFactory(
        title="백엔드 개발자", description="파이썬과 데이터를 다룹니다.", deadline=None
    )
    for q in ("", "데이터 파이썬"):
        page = job_list_public(JobFilters(q=q))[0:20]
        attach_highlights(page, parse(q))
        assert len(page) == 2
        assert [job_list_item_data(job) for job in page] == JobListItemSerializer(
            page, many=True
        ).data
        answer = api_client.get("/api/v1/jobs", {"q": q} if q else {}).json()["results"]
        assert answer == [job_list_item_data(job) for job in page]
    assert answer[0]["highlights"]["title"] == "<mark>데이터</mark> 엔지니어"
