"""A field takes the JSON type the spec gives it (jobboard/api/serializers.py): a number
where the spec says string, or an object where it says list, is a 400 naming the field and
nothing is saved; DRF alone would save "0" and read {} as an empty list."""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from rest_framework import serializers

from accounts.tests.factories import JobseekerFactory, RecruiterFactory
from candidates.models import Profile
from jobboard.api.serializers import StrictTypes
from jobs.models import Job
from jobs.tests.api.test_jobs_api import BODY


def _serializers_behind_the_urls():
    importlib.import_module(settings.ROOT_URLCONF)  # imports every view and its serializers
    ours = Path(settings.BASE_DIR)
    pending = [serializers.Serializer]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        source = Path(importlib.import_module(cls.__module__).__file__ or "")
        if ours in source.parents and ".venv" not in source.parts and "tests" not in source.parts:
            yield cls


def test_every_serializer_behind_the_urls_is_strict():
    loose = [
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _serializers_behind_the_urls()
        if not issubclass(cls, StrictTypes)
    ]
    assert loose == []


@pytest.mark.django_db
def test_a_number_for_a_string_is_refused_and_nothing_saved__POL_AP_006(api_client_for):
    user = JobseekerFactory()
    response = api_client_for(user).patch("/api/v1/me/profile", {"summary": 0}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"]["summary"] == ["유효한 문자열이 아닙니다."]
    assert not Profile.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_number_for_a_job_title_is_refused__POL_J_004(api_client_for):
    client = api_client_for(RecruiterFactory())
    response = client.post("/api/v1/jobs", {**BODY, "title": 12345}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["title"]
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_an_object_for_a_list_of_codes_is_refused__POL_AP_006(api_client_for):
    user = JobseekerFactory()
    client = api_client_for(user)
    for body in ({"skills": {}}, {"desired_locations": "seoul"}, {"summary": ["a"]}):
        response = client.patch("/api/v1/me/profile", body, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == list(body)
    assert not Profile.objects.filter(user=user).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("body", [False, 0, "x", []])
def test_a_body_that_is_not_an_object_is_a_400__POL_AP_006(api_client_for, body):
    response = api_client_for(JobseekerFactory()).patch("/api/v1/me/profile", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
