"""The API plumbing every capability relies on: problem+json errors, health, request ids,
security headers, pages in Korean and English."""

import json

import pytest
from django.db import OperationalError
from django.test import override_settings
from rest_framework.exceptions import Throttled, ValidationError

from jobboard.api.problems import problem_exception_handler
from jobboard.errors import Conflict

pytestmark = pytest.mark.django_db


def test_health_reports_database_and_cache(api_client):
    response = api_client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_health_is_503_when_database_is_unreachable(api_client, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.contrib.contenttypes.models.ContentType.objects.exists", down)
    response = api_client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_unknown_api_url_is_problem_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert body["title"]
    assert body["type"].startswith("https://")


def test_wrong_method_is_problem_json(api_client):
    response = api_client.post("/api/v1/health")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


def test_validation_errors_are_flattened_per_field():
    response = problem_exception_handler(
        ValidationError({"salary": ["Too low."], "address": {"city": ["Required."]}}), {}
    )
    assert response.status_code == 400
    assert response.data["errors"] == {"salary": ["Too low."], "address.city": ["Required."]}
    assert response.content_type == "application/problem+json"


def test_domain_errors_keep_their_status_and_field():
    response = problem_exception_handler(Conflict("Already applied.", field="job"), {})
    assert response.status_code == 409
    assert response.data["errors"] == {"job": ["Already applied."]}


def test_throttled_carries_retry_after():
    response = problem_exception_handler(Throttled(wait=42), {})
    assert response.status_code == 429
    assert response["Retry-After"] == "42"


def test_database_errors_in_api_views_become_503():
    response = problem_exception_handler(OperationalError("gone"), {})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


@override_settings(DEBUG=False)
def test_unhandled_api_error_is_problem_json_without_traceback(client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("jobboard.views.HealthApi.get", boom)
    client.raise_request_exception = False
    response = client.get("/api/v1/health")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert "secret internals" not in response.content.decode()


def test_request_id_is_echoed_or_created(client):
    assert client.get("/api/v1/health", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    generated = client.get("/api/v1/health", HTTP_X_REQUEST_ID="bad id\n")["X-Request-ID"]
    assert generated != "bad id\n"
    assert len(generated) == 32


def test_pages_carry_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_home_is_korean_by_default_and_english_on_request(client):
    assert '<html lang="ko">' in client.get("/").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in english.content.decode()
    assert "Find the job that fits you" in english.content.decode()


def test_page_404_is_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


def test_metrics_are_exposed_to_prometheus(client, settings):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {settings.METRICS_TOKEN}")
    assert response.status_code == 200
    assert b"django_http_requests_total_by_method_total" in response.content


def test_openapi_document_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert json.loads(schema.content)["info"]["title"] == "jobboard API"
    assert client.get("/api/v1/docs/").status_code == 200


def test_query_parameter_without_a_name_is_a_400_problem(api_client):
    response = api_client.get("/api/v1/health?=null")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "query" in response.json()["errors"]
