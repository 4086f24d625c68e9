"""One jobseeker's job pages recorded at the same moment (ADR 0087), with real concurrent
transactions on PostgreSQL (SQLite serialises every writer, so nothing can collide there)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection

from accounts.tests.factories import JobseekerFactory
from candidates.models import RECENTLY_VIEWED_KEEP, RecentlyViewedJob
from candidates.selectors import recently_viewed_jobs
from candidates.services import recently_viewed_record
from jobs.tests.factories import PublishedJobFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not settings.USES_POSTGRES, reason="needs concurrent transactions"),
]

AT_ONCE = 8


def test_pages_opened_at_once_are_all_recorded_and_the_list_stays_bounded__POL_AP_006():
    """A full list, then eight pages at once, each recording its view from the list as it
    read it before any of them wrote (as a job page does): none fails or waits on another
    for long, none of the eight is dropped, and the next page trims the list back to its
    bound, newest first."""
    jobseeker = JobseekerFactory()
    earlier = PublishedJobFactory.create_batch(RECENTLY_VIEWED_KEEP)
    for job in earlier:
        recently_viewed_record(user=jobseeker, job=job)
    opened, following = PublishedJobFactory.create_batch(AT_ONCE), PublishedJobFactory()
    listed = [job.pk for job in earlier]
    start = threading.Barrier(AT_ONCE)

    def open_page(job):
        start.wait(timeout=10)
        try:
            recently_viewed_record(user=jobseeker, job=job, listed=listed)
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            return exc
        finally:
            connection.close()
        return None

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        assert list(pool.map(open_page, opened, timeout=30)) == [None] * AT_ONCE
    kept = set(RecentlyViewedJob.objects.filter(user=jobseeker).values_list("job_id", flat=True))
    assert {job.pk for job in opened} <= kept

    recently_viewed_record(user=jobseeker, job=following)
    shown = recently_viewed_jobs(user=jobseeker, limit=RECENTLY_VIEWED_KEEP)
    assert len(shown) == RECENTLY_VIEWED_KEEP
    assert shown[0] == following
    assert set(shown[1 : AT_ONCE + 1]) == set(opened)
    assert shown[AT_ONCE + 1 :] == earlier[::-1][: RECENTLY_VIEWED_KEEP - AT_ONCE - 1]
