import pytest

from accounts.tests.factories import AdminFactory
from jobs.tests.factories import PremiumOptionFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_admin_job_changelist_filters_and_searches(browser_client_for):
    job = PublishedJobFactory(title="관리자 검색 공고")
    PremiumOptionFactory(job=job)
    browser = browser_client_for(AdminFactory())
    response = browser.get(
        "/admin/jobs/job/",
        {"status__exact": "published", "q": "관리자", "company__id__exact": job.company_id},
    )
    assert response.status_code == 200
    assert "관리자 검색 공고" in response.content.decode()
    assert browser.get(f"/admin/jobs/job/{job.pk}/change/").status_code == 200
    for path in ("/admin/jobs/category/", "/admin/jobs/location/", "/admin/jobs/joboption/"):
        assert browser.get(path).status_code == 200
    assert browser.get("/admin/jobs/joboption/add/").status_code == 403


def test_admin_closes_jobs_through_the_service_never_deletes_or_sets_status__POL_J_002_008(
    browser_client_for,
):
    from jobs.models import Job, JobStatus

    job = PublishedJobFactory()
    browser = browser_client_for(AdminFactory())
    form = browser.get(f"/admin/jobs/job/{job.pk}/change/").context["adminform"].form
    assert "status" not in form.fields  # read-only: moves go through POL-J-008's table
    response = browser.post(
        "/admin/jobs/job/", {"action": "close_jobs", "_selected_action": [job.pk]}
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.closed_at is not None) == (JobStatus.CLOSED, True)
    assert browser.get(f"/admin/jobs/job/{job.pk}/delete/").status_code == 403
    assert Job.objects.filter(pk=job.pk).exists()


def test_admin_form_applies_the_same_content_rules__POL_J_004():
    """Django admin validates with Model.full_clean, which runs jobs.rules too."""
    from django.core.exceptions import ValidationError

    job = PublishedJobFactory()
    job.salary_min, job.salary_max = 9, 1
    with pytest.raises(ValidationError) as exc:
        job.full_clean()
    assert exc.value.message_dict["salary_max"] == ["최대 연봉은 최소 연봉 이상이어야 합니다."]
