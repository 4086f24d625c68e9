"""bench.uncached_draw measures the uncached path: each request comes after a write (ADR 0100)."""

import pytest
from django.test import Client

from bench.terms import TERMS
from bench.uncached_draw import draws, timed
from jobs.selectors import list_version
from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_its_searches_are_bench_traffics_and_each_follows_a_write():
    for n in range(3):
        PublishedJobFactory(title=f"백엔드 개발자 {n}")
    site, requests = draws("search", 5, seed=0)
    assert len(requests) == 5
    assert all(params["q"] in TERMS and params["page"] >= 1 for params in requests)
    assert site.total({"q": "백엔드"}) == 3

    client = Client()
    before = list_version()
    first, second = timed(client, {"q": "백엔드"}), timed(client, {"q": "백엔드"})
    assert list_version() == before + 2  # the cached answer of the first is not the second's
    assert first["status"] == second["status"] == 200
    assert first["digest"] == second["digest"]


def test_its_filters_draw_from_the_traffic_benchmarks_combinations():
    PublishedJobFactory()
    site, requests = draws("filter", 10, seed=0)
    combos = [{k: v for k, v in params.items() if k != "page"} for params in requests]
    assert all(combo in site.combos for combo in combos)
