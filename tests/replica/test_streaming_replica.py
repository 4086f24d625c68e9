"""The replica router against a real PostgreSQL streaming replica (ADR 0068): reads served
by the replica, read-your-writes for the writer, and the fallback to the primary when the
replica lags past the bound or is down. Run by `scripts/test-replica`, which starts the
pair; replay is paused on the replica to hold a write back from it."""

import time

import pytest
from django.db import connections
from django.test import Client, override_settings

from accounts.tests.factories import RecruiterFactory
from conftest import sign_in
from jobboard import replicas
from jobs.models import Category, Location
from jobs.tests.factories import PublishedJobFactory

pytestmark = [
    pytest.mark.replica,
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True, databases=["default", "replica"]
    ),
]


def _one(alias: str, sql: str, params=()):
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def wait_replayed(timeout: float = 20) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    target = _one("default", "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + timeout
    while not _one("replica", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]):
        assert time.monotonic() < deadline, "the replica did not catch up"
        time.sleep(0.05)


def hold_back_replay() -> None:
    """Pause replay right after a fresh write was replayed (so the measured lag starts
    near zero and grows from now)."""
    PublishedJobFactory(title="heartbeat")
    wait_replayed()
    _one("replica", "SELECT pg_wal_replay_pause()::text")


def resume_replay() -> None:
    _one("replica", "SELECT pg_wal_replay_resume()::text")
    wait_replayed()


@pytest.fixture
def recruiter_client():
    token = sign_in(RecruiterFactory()).tokens.access
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def post_job(client, remote_addr: str) -> int:
    response = client.post(
        "/api/v1/jobs",
        {
            "title": "Replica drill backend engineer",
            "description": "Written on the primary.",
            "category": Category.objects.first().code,
            "location": Location.objects.first().code,
            "employment_type": "full_time",
            "salary_min": 50_000_000,
            "salary_max": 60_000_000,
            "publish": True,
        },
        content_type="application/json",
        REMOTE_ADDR=remote_addr,
    )
    assert response.status_code == 201, response.content
    return response.json()["id"]


@override_settings(DATABASE_REPLICA_CHECK_SECONDS=0, DATABASE_REPLICA_MAX_LAG=60)
def test_reads_come_from_the_replica_and_the_writer_reads_its_write(client, recruiter_client):
    hold_back_replay()
    try:
        job_id = post_job(recruiter_client, remote_addr="10.0.0.1")
        # A stranger reads from the replica, which has not replayed the new job yet.
        assert client.get(f"/api/v1/jobs/{job_id}", REMOTE_ADDR="10.9.9.9").status_code == 404
        # The writer is pinned to the primary: from another network too (by user) …
        mine = recruiter_client.get(f"/api/v1/jobs/{job_id}", REMOTE_ADDR="10.0.0.2")
        assert mine.status_code == 200
        # … and the address that wrote, before it signs in.
        assert client.get(f"/api/v1/jobs/{job_id}", REMOTE_ADDR="10.0.0.1").status_code == 200
    finally:
        resume_replay()
    assert client.get(f"/api/v1/jobs/{job_id}", REMOTE_ADDR="10.9.9.9").status_code == 200


@override_settings(DATABASE_REPLICA_CHECK_SECONDS=0, DATABASE_REPLICA_MAX_LAG=1.0)
def test_a_replica_lagging_past_the_bound_is_skipped(client, recruiter_client):
    hold_back_replay()
    try:
        job_id = post_job(recruiter_client, remote_addr="10.0.1.1")
        assert client.get(f"/api/v1/jobs/{job_id}", REMOTE_ADDR="10.9.9.8").status_code == 404
        time.sleep(1.5)  # now more than a second behind
        assert replicas.replica_lag() > 1.0
        assert client.get(f"/api/v1/jobs/{job_id}", REMOTE_ADDR="10.9.9.8").status_code == 200
    finally:
        resume_replay()
    assert replicas.replica_lag() == 0.0


@override_settings(DATABASE_REPLICA_CHECK_SECONDS=0, DATABASE_REPLICA_MAX_LAG=60)
def test_a_replica_that_is_down_is_skipped_and_used_again_when_back(
    client, recruiter_client, replica_cluster
):
    job = PublishedJobFactory()
    wait_replayed()
    replica_cluster.stop("immediate")
    try:
        assert replicas.replica_lag() is None
        for path in (f"/api/v1/jobs/{job.pk}", "/api/v1/jobs", f"/jobs/{job.pk}/"):
            assert client.get(path, REMOTE_ADDR="10.9.9.7").status_code == 200, path
    finally:
        replica_cluster.start()
    deadline = time.monotonic() + 20
    while replicas.replica_lag() is None:
        assert time.monotonic() < deadline, "the replica did not come back"
        time.sleep(0.2)
    hold_back_replay()
    try:
        job_id = post_job(recruiter_client, remote_addr="10.0.2.1")
        assert client.get(f"/api/v1/jobs/{job_id}", REMOTE_ADDR="10.9.9.7").status_code == 404
    finally:
        resume_replay()
