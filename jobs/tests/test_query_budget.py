"""Issue 17: at most 4 SQL queries per request, with cold caches (the spread of real
visitors mostly misses them). Counted, never timed. The routes listed here hold the budget;
docs/benchmarks.md lists those that do not yet (relevance search, the HTML list and home,
a signed-in job page) and what their extra queries are."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import JobseekerFactory
from jobs.tests.factories import PremiumOptionFactory, PublishedJobFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 4
PATHS = [
    "/api/v1/jobs",
    "/api/v1/jobs?page=2&limit=5",
    "/api/v1/jobs?q=데이터&sort=latest",
    "/api/v1/jobs?q=데이터&page=2&limit=3",
    "/api/v1/jobs?location=seoul&remote=true&sort=salary",
]


@pytest.fixture
def jobs():
    for n in range(6):
        PublishedJobFactory(title=f"데이터 엔지니어 {n}")
        PublishedJobFactory(title=f"백엔드 개발자 {n}", description="데이터를 다룹니다.")
    PremiumOptionFactory(job=PublishedJobFactory(title="데이터 분석가"))
    return PublishedJobFactory(title="프론트엔드 개발자")


def cold_queries(client, path) -> int:
    for alias in ("default", "guard"):
        caches[alias].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", PATHS)
def test_a_list_costs_at_most_four_queries_cold(client, jobs, path):
    client.get(path)  # first request of the process: language and choices caches warm
    assert cold_queries(client, path) <= MAX_QUERIES


def test_a_job_costs_at_most_four_queries_cold(client, jobs, api_client_for):
    assert cold_queries(client, f"/api/v1/jobs/{jobs.pk}") <= MAX_QUERIES
    assert cold_queries(client, f"/jobs/{jobs.pk}/") <= MAX_QUERIES
    assert (
        cold_queries(api_client_for(JobseekerFactory()), f"/api/v1/jobs/{jobs.pk}") <= MAX_QUERIES
    )
