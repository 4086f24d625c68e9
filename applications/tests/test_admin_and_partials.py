"""Django admin for applications, the command that rescues stranded tasks, and the
partials other apps' pages include (job page apply box, my-jobs actions, nav)."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from applications import services
from applications.models import Notification, ResumeDownload
from applications.tests.factories import ApplicationFactory
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_filters_and_shows_history_read_only(browser_client_for):
    application = ApplicationFactory()
    services.application_move_stage(
        application_id=application.pk,
        actor=application.job.owner,
        stage="screening",
        note="admin-visible note",
    )
    admin = browser_client_for(AdminFactory())
    listing = admin.get(
        f"/admin/applications/application/?stage=screening&job__id__exact={application.job_id}"
    )
    assert listing.status_code == 200
    assert str(application.job) in listing.text
    page = admin.get(f"/admin/applications/application/{application.pk}/change/")
    assert page.status_code == 200
    assert "admin-visible note" in page.text
    ResumeDownload.objects.create(application=application, user=application.job.owner)
    assert admin.get("/admin/applications/resumedownload/").status_code == 200
    assert admin.get("/admin/applications/resumedownload/add/").status_code == 403


def test_admin_requeues_failed_emails__POL_AP_004(browser_client_for):
    application = ApplicationFactory()
    notification = Notification.objects.create(
        user=application.applicant,
        kind="stage_changed",
        application=application,
        params={"job": "x", "to_stage": "screening"},
        email_failed_at=timezone.now(),
    )
    before = DBTaskResult.objects.count()
    response = browser_client_for(AdminFactory()).post(
        "/admin/applications/notification/",
        {"action": "requeue_email", "_selected_action": [notification.pk]},
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.email_failed_at is None
    assert DBTaskResult.objects.count() == before + 1


def render_apply_box(job, user):
    request = RequestFactory().get(f"/jobs/{job.pk}/")
    request.user = user
    return render_to_string(
        "applications/_job_apply.html", {"job": job, "user": user}, request=request
    )


def test_job_apply_box_states__POL_AP_001():
    from django.contrib.auth.models import AnonymousUser

    job = PublishedJobFactory()
    assert "/accounts/login/?next=%2Fjobs%2F" in render_apply_box(job, AnonymousUser())
    seeker = JobseekerFactory()
    assert f"/applications/jobs/{job.pk}/apply/" in render_apply_box(job, seeker)
    ApplicationFactory(job=job, applicant=seeker)
    assert "지원한 공고 · 지원 완료" in render_apply_box(job, seeker)  # Korean by default
    assert "지원이 마감된 공고입니다." in render_apply_box(ClosedJobFactory(), seeker)
    assert "구직자만 지원할 수 있습니다." in render_apply_box(job, RecruiterFactory())


def _render_for(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(template, {"user": user, **context}, request=request)


def test_job_actions_link_to_the_board_for_who_may_see_applicants__POL_AP_003():
    job = PublishedJobFactory()
    board = f"/applications/jobs/{job.pk}/board/"
    assert board in _render_for("applications/_job_actions.html", job.owner, job=job)
    assert board in _render_for("applications/_job_actions.html", AdminFactory(), job=job)
    assert board not in _render_for("applications/_job_actions.html", RecruiterFactory(), job=job)


def test_nav_costs_one_query_besides_the_permissions_every_header_loads(
    django_assert_num_queries,
):
    user = JobseekerFactory()
    user.get_all_permissions()  # the header's other links loaded them already
    with django_assert_num_queries(1):
        html = _render_for("applications/_nav.html", user)
    assert "/applications/mine/" in html


def test_my_jobs_shows_each_jobs_applicant_count(browser_client_for):
    recruiter = RecruiterFactory()
    busy = PublishedJobFactory(owner=recruiter, title="Busy job")
    quiet = PublishedJobFactory(owner=recruiter, title="Quiet job")
    for _ in range(3):
        ApplicationFactory(job=busy)
    client = browser_client_for(recruiter)
    rows = {job.pk: job.applicant_count for job in client.get("/jobs/mine/").context["jobs"]}
    assert rows == {busy.pk: 3, quiet.pk: 0}
