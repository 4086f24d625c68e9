"""A database or cache outage is a fast, clean answer — never a traceback or a hang."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client

from accounts.models import User
from jobs.models import Job

pytestmark = pytest.mark.django_db


def _database_down(monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("jobs.views.HomeView.get", down)


def test_page_answers_503_html_when_database_is_down(client, monkeypatch):
    _database_down(monkeypatch)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "text/html" in response["Content-Type"]
    assert "could not connect" not in response.content.decode()


def test_health_reports_cache_down_but_stays_200(api_client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis gone")

    monkeypatch.setattr("jobboard.views.cache.set", broken)
    response = api_client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


def test_csrf_failure_is_explained_to_the_person():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    assert "text/html" in response["Content-Type"]


def test_demo_data_loads_and_is_idempotent():
    call_command("load_demo", verbosity=0)
    counts = (User.objects.count(), Job.objects.count())
    call_command("load_demo", verbosity=0)
    assert (User.objects.count(), Job.objects.count()) == counts
    assert User.objects.get(email="recruiter1@demo.jobboard.kr").check_password(
        "jobboard-demo-2026"
    )
    # The demo also holds a few drafts and closed jobs (a recruiter's list shows every
    # state); every published one takes applications.
    published = Job.objects.filter(status="published")
    assert published.count() >= 200
    assert all(job.is_open() for job in published)


def test_a_value_the_database_refuses_is_a_400_not_an_outage(api_client, monkeypatch):
    from django.db import DataError

    def refuse(*args, **kwargs):
        raise DataError("A string literal cannot contain NUL (0x00) characters.")

    monkeypatch.setattr("jobboard.views.HealthApi.get", refuse)
    response = api_client.get("/api/v1/health")
    assert response.status_code == 400
    assert "NUL" not in response.content.decode()


def test_a_page_given_a_value_the_database_refuses_is_a_400(client, monkeypatch):
    from django.db import DataError

    def refuse(*args, **kwargs):
        raise DataError("invalid byte sequence")

    monkeypatch.setattr("jobs.views.HomeView.get", refuse)
    response = client.get("/")
    assert response.status_code == 400
    assert "text/html" in response["Content-Type"]
