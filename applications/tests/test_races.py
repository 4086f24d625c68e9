"""The races of POL-AP-001 and POL-AP-003, with real concurrent transactions on
PostgreSQL (SQLite serializes every writer, so there is no race to lose there)."""

import contextlib
import threading
import time

import pytest
from django.conf import settings
from django.db import connection

from accounts.tests.factories import JobseekerFactory
from applications import services
from applications.exceptions import AlreadyApplied, StageMoveForbidden
from applications.models import Application, StageChange
from applications.tests.factories import ApplicationFactory
from candidates.storage import PrivateFileSystemStorage
from candidates.tests.factories import pdf_upload
from jobs.tests.factories import PublishedJobFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.USES_POSTGRES, reason="needs concurrent transactions"),
]


def run_together(*calls):
    """Runs each call in its own thread (own connection); returns results or exceptions."""
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_simultaneous_applications_make_one__POL_AP_001(monkeypatch):
    job, applicant = PublishedJobFactory(), JobseekerFactory()
    both_checked = threading.Barrier(2)
    original_save = PrivateFileSystemStorage._save

    def save_after_both_passed_the_python_check(self, name, content):
        # Both submissions have passed the "already applied?" query: only the unique
        # constraint can stop the second one now.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_checked.wait(timeout=5)
        return original_save(self, name, content)

    monkeypatch.setattr(PrivateFileSystemStorage, "_save", save_after_both_passed_the_python_check)

    def apply():
        return services.application_submit(job=job, applicant=applicant, resume=pdf_upload())

    results = run_together(apply, apply)
    assert sorted(type(r).__name__ for r in results) == ["AlreadyApplied", "Application"]
    assert Application.objects.filter(job=job, applicant=applicant).count() == 1
    assert any(isinstance(r, AlreadyApplied) for r in results)


def test_concurrent_moves_are_serialized_by_the_row_lock__POL_AP_003(monkeypatch):
    application = ApplicationFactory()
    owner = application.job.owner
    original_move_to = Application.move_to

    def slow_move_to(self, stage, actor_role):
        time.sleep(0.3)  # hold the row while the other request arrives
        return original_move_to(self, stage, actor_role)

    monkeypatch.setattr(Application, "move_to", slow_move_to)

    def move():
        return services.application_move_stage(
            application_id=application.pk, actor=owner, stage="screening"
        )

    results = run_together(move, move)
    assert sorted(type(r).__name__ for r in results) == ["Application", "StageMoveForbidden"]
    assert any(isinstance(r, StageMoveForbidden) for r in results)
    moves = StageChange.objects.filter(application=application).exclude(from_stage="")
    assert list(moves.values_list("from_stage", "to_stage")) == [("applied", "screening")]
