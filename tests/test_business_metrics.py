"""The business counters behind the dashboard and the alerts move when the thing happens
(issue 7): applications, stage moves, orders by state, webhook outcomes, sign-in failures."""

import pytest
from prometheus_client import REGISTRY

from accounts.services import user_sign_in
from accounts.tests.factories import PASSWORD, JobseekerFactory, RecruiterFactory
from applications.services import application_move_stage
from applications.tests.factories import ApplicationFactory
from payments.services import order_prepare

pytestmark = pytest.mark.django_db


def _value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_a_stage_move_is_counted(django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    before = _value(
        "jobboard_application_stage_moves_total", from_stage="applied", to_stage="screening"
    )
    with django_capture_on_commit_callbacks(execute=True):  # counted once committed
        application_move_stage(
            application_id=application.pk, actor=application.job.owner, stage="screening"
        )
    after = _value(
        "jobboard_application_stage_moves_total", from_stage="applied", to_stage="screening"
    )
    assert after == before + 1


def test_an_application_is_counted(api_client_for):
    from jobs.tests.factories import PublishedJobFactory

    job = PublishedJobFactory()
    before = _value("jobboard_applications_submitted_total")
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api_client_for(JobseekerFactory()).post(
        f"/api/v1/jobs/{job.pk}/apply",
        {"resume": SimpleUploadedFile("cv.pdf", pdf, "application/pdf"), "cover_letter": "hi"},
        format="multipart",
    )
    assert response.status_code == 201
    assert _value("jobboard_applications_submitted_total") == before + 1


def test_a_new_order_is_counted_by_state_and_provider(django_capture_on_commit_callbacks):
    from jobs.tests.factories import PublishedJobFactory

    recruiter = RecruiterFactory()
    job = PublishedJobFactory(owner=recruiter)
    before = _value("jobboard_order_transitions_total", state="pending", provider="toss")
    with django_capture_on_commit_callbacks(execute=True):
        order_prepare(buyer=recruiter, product_code="premium_7", provider="toss", job_id=job.pk)
    assert _value("jobboard_order_transitions_total", state="pending", provider="toss") == (
        before + 1
    )


def test_an_unknown_order_webhook_is_counted(api_client):
    before = _value(
        "jobboard_webhook_deliveries_total", provider="iamport", outcome="unknown_order"
    )
    response = api_client.post(
        "/api/v1/webhooks/payments/iamport",
        {"imp_uid": "imp_1", "merchant_uid": "nosuchorder1", "status": "paid"},
        format="json",
    )
    assert response.status_code == 404
    assert (
        _value("jobboard_webhook_deliveries_total", provider="iamport", outcome="unknown_order")
        == before + 1
    )


def test_a_failed_sign_in_is_counted():
    user = JobseekerFactory()
    before = _value("jobboard_login_failures_total", reason="bad_credentials")
    with pytest.raises(Exception, match="."):
        user_sign_in(email=user.email, password=PASSWORD + "-wrong")
    assert _value("jobboard_login_failures_total", reason="bad_credentials") == before + 1
