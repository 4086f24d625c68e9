"""Run by scripts/test-replica only (pytest -m replica): the private primary is already
migrated and the replica streams it, so no test database is created."""

import os
from pathlib import Path

import pytest
from django.db import connections

from tests.replica.cluster import Cluster


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """Use the runner's primary as it is (pytest-django would create a test database), and
    keep its migrated rows (roles, categories) so serialized_rollback restores them after
    each transactional test's flush."""
    with django_db_blocker.unblock():
        primary = connections["default"]
        primary._test_serialized_contents = primary.creation.serialize_db_to_string()


@pytest.fixture
def replica_cluster() -> Cluster:
    return Cluster(Path(os.environ["REPLICA_TEST_FOLDER"]), int(os.environ["REPLICA_TEST_PORT"]))
