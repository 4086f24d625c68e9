import pytest

from applications import services
from applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_stage_change_notifies_applicant_in_site__POL_AP_004(api_client_for):
    application = ApplicationFactory(job__title="프론트엔드 개발자")
    services.application_move_stage(
        application_id=application.pk, actor=application.job.owner, stage="screening"
    )
    client = api_client_for(application.applicant)
    body = client.get("/api/v1/notifications").json()
    assert body["unread"] == 1
    assert body["total"] == 1
    [item] = body["results"]
    assert item["kind"] == "stage_changed"
    assert "프론트엔드 개발자" in item["text"]
    assert item["read"] is False
    marked = client.post(f"/api/v1/notifications/{item['id']}/read")
    assert marked.json() == {"marked": 1, "unread": 0}
    assert client.get("/api/v1/notifications").json()["results"][0]["read"] is True


def test_read_all_and_someone_elses_is_404(api_client_for):
    application = ApplicationFactory()
    for stage in ("screening", "interview"):
        services.application_move_stage(
            application_id=application.pk, actor=application.job.owner, stage=stage
        )
    owner_client = api_client_for(application.job.owner)
    theirs = application.notifications.first()
    assert owner_client.post(f"/api/v1/notifications/{theirs.pk}/read").status_code == 404
    client = api_client_for(application.applicant)
    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 2, "unread": 0}
