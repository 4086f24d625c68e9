"""The read-replica router's decisions (ADR 0068). Which database serves a read is decided
here with the replica's health stubbed; tests/replica/ runs the same rules against a real
streaming replica (scripts/test-replica)."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from accounts.models import User
from jobboard import replicas
from jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def healthy_replica(monkeypatch):
    """A replica alias that answers and keeps up (the health check itself is stubbed)."""
    monkeypatch.setattr(replicas, "replica_configured", lambda: True)
    monkeypatch.setattr(replicas.health, "is_usable", lambda: True)
    # Each test runs inside a transaction of its own; the router must not see it as the view's.
    monkeypatch.setattr(replicas, "in_primary_transaction", lambda: False)


def route_during(request, read_model=Job, write=False) -> list[str]:
    """Send `request` through the pin middleware to a view that reads (and maybe writes);
    returns the databases the router chose for the view's reads."""
    chosen = []
    router = replicas.PrimaryReplicaRouter()

    def view(req):
        chosen.append(router.db_for_read(read_model))
        if write:
            router.db_for_write(read_model)
            chosen.append(router.db_for_read(read_model))
        return HttpResponse("ok")

    replicas.ReplicaPinMiddleware(view)(request)
    return chosen


def test_without_a_replica_every_read_is_on_the_primary():
    assert replicas.PrimaryReplicaRouter().db_for_read(Job) == "default"
    assert replicas.PrimaryReplicaRouter().db_for_write(Job) == "default"


def test_reads_go_to_a_healthy_replica(healthy_replica):
    assert route_during(RequestFactory().get("/jobs/")) == ["replica"]


def test_sign_in_state_is_always_read_on_the_primary__POL_A_002(healthy_replica):
    """A revoked device must stop working at once, whatever the replica's lag."""
    assert route_during(RequestFactory().get("/jobs/"), read_model=User) == ["default"]


def test_a_request_that_writes_reads_its_own_write(healthy_replica):
    assert route_during(RequestFactory().get("/jobs/"), write=True) == ["replica", "default"]


def test_unsafe_methods_read_on_the_primary(healthy_replica):
    assert route_during(RequestFactory().post("/jobs/new/")) == ["default"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reads_inside_a_transaction_stay_on_the_primary(monkeypatch):
    monkeypatch.setattr(replicas, "replica_configured", lambda: True)
    monkeypatch.setattr(replicas.health, "is_usable", lambda: True)
    assert route_during(RequestFactory().get("/jobs/")) == ["replica"]
    with transaction.atomic():
        assert route_during(RequestFactory().get("/jobs/")) == ["default"]


@override_settings(DATABASE_REPLICA_PIN_SECONDS=30)
def test_a_writer_is_pinned_to_the_primary_across_requests(healthy_replica):
    user = User.objects.create_user(email="pinned@example.com", password="x-Password-2026")
    writing = RequestFactory().post("/api/v1/jobs", REMOTE_ADDR="10.0.0.1")
    writing.user = user
    route_during(writing, write=True)

    again = RequestFactory().get("/jobs/", REMOTE_ADDR="10.0.0.9")  # another network
    again.user = user
    other = RequestFactory().get("/jobs/", REMOTE_ADDR="10.0.0.2")
    same_address = RequestFactory().get("/jobs/", REMOTE_ADDR="10.0.0.1")  # just signed in
    assert route_during(again) == ["default"]
    assert route_during(same_address) == ["default"]
    assert route_during(other) == ["replica"]

    cache.delete_many([f"{replicas.PIN_KEY}user:{user.pk}", f"{replicas.PIN_KEY}ip:10.0.0.1"])
    assert route_during(again) == ["replica"]


def test_a_reader_pins_nobody(healthy_replica):
    route_during(RequestFactory().get("/jobs/", REMOTE_ADDR="10.0.0.3"))
    assert cache.get(f"{replicas.PIN_KEY}ip:10.0.0.3") is None


def test_a_write_without_pin_pins_nobody_and_moves_no_read(healthy_replica):
    """ADR 0087: a record of what the visitor looked at needs no read-your-writes; a write
    outside the block still pins as before."""
    router = replicas.PrimaryReplicaRouter()
    chosen = []

    def view(request):
        with replicas.without_pin():
            router.db_for_write(Job)
        chosen.append(router.db_for_read(Job))
        if "write" in request.GET:
            router.db_for_write(Job)
        return HttpResponse("ok")

    replicas.ReplicaPinMiddleware(view)(RequestFactory().get("/jobs/1/", REMOTE_ADDR="10.0.0.4"))
    assert chosen == ["replica"]
    assert cache.get(f"{replicas.PIN_KEY}ip:10.0.0.4") is None
    replicas.ReplicaPinMiddleware(view)(RequestFactory().get("/?write=1", REMOTE_ADDR="10.0.0.4"))
    assert cache.get(f"{replicas.PIN_KEY}ip:10.0.0.4") == 1


def test_migrations_run_on_the_primary_only():
    router = replicas.PrimaryReplicaRouter()
    assert router.allow_migrate("default", "jobs") is True
    assert router.allow_migrate("replica", "jobs") is False
    assert router.allow_relation(Job(), User()) is True


@pytest.mark.parametrize(("lag", "usable"), [(0.0, True), (4.9, True), (5.1, False), (None, False)])
@override_settings(DATABASE_REPLICA_MAX_LAG=5.0, DATABASE_REPLICA_CHECK_SECONDS=60)
def test_health_falls_back_when_the_replica_lags_or_is_down(monkeypatch, lag, usable):
    checks = []
    monkeypatch.setattr(replicas, "replica_lag", lambda: checks.append(1) or lag)
    health = replicas._ReplicaHealth()
    assert health.is_usable() is usable
    assert health.is_usable() is usable  # remembered for the check interval
    assert len(checks) == 1


@override_settings(DATABASE_REPLICA_CHECK_SECONDS=0)
def test_health_is_measured_again_after_the_interval(monkeypatch):
    lags = iter([None, 0.2])
    monkeypatch.setattr(replicas, "replica_lag", lambda: next(lags))
    health = replicas._ReplicaHealth()
    assert health.is_usable() is False  # down
    assert health.is_usable() is True  # back
