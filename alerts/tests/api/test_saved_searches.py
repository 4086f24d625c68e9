"""POL-S-002 through the API: responses are checked against openapi/api-spec.yaml."""

import pytest

from accounts.tests.factories import JobseekerFactory
from alerts.services import MAX_SAVED_SEARCHES
from alerts.tests.factories import SavedSearchFactory

pytestmark = pytest.mark.django_db


def test_create_list_update_delete__POL_S_002(api_client_for):
    client = api_client_for(JobseekerFactory())
    created = client.post(
        "/api/v1/saved-searches",
        {"frequency": "weekly", "filters": {"q": "파이썬", "skills": ["python"], "remote": True}},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["name"] == "파이썬"
    assert body["filters"]["skills"] == ["python"]
    listed = client.get("/api/v1/saved-searches").json()
    assert listed["total"] == 1
    pk = body["id"]
    changed = client.patch(f"/api/v1/saved-searches/{pk}", {"frequency": "never"}, format="json")
    assert changed.json()["frequency"] == "never"
    assert client.delete(f"/api/v1/saved-searches/{pk}").status_code == 204
    assert client.get(f"/api/v1/saved-searches/{pk}").status_code == 404


def test_a_twenty_first_search_is_a_conflict__POL_S_002(api_client_for):
    user = JobseekerFactory()
    SavedSearchFactory.create_batch(MAX_SAVED_SEARCHES, user=user)
    response = api_client_for(user).post("/api/v1/saved-searches", {}, format="json")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"


def test_bad_filters_are_field_errors(api_client_for):
    response = api_client_for(JobseekerFactory()).post(
        "/api/v1/saved-searches", {"filters": {"salary_min": -1}}, format="json"
    )
    assert response.status_code == 400
    assert "filters.salary_min" in response.json()["errors"]
