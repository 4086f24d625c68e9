"""Read receipts (POL-AP-005): the applicant sees whether the job's owner has opened the
application; only the owner's first open counts."""

import pytest

from accounts.tests.factories import AdminFactory
from applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_owners_first_open_is_what_the_applicant_sees__POL_AP_005(browser_client_for):
    application = ApplicationFactory()
    applicant = browser_client_for(application.applicant)
    assert applicant.get(f"/applications/{application.pk}/").status_code == 200
    assert browser_client_for(AdminFactory()).get(f"/applications/{application.pk}/")
    application.refresh_from_db()
    assert application.employer_viewed_at is None  # neither the applicant nor an admin

    owner = browser_client_for(application.job.owner)
    assert owner.get(f"/applications/{application.pk}/").status_code == 200
    application.refresh_from_db()
    first = application.employer_viewed_at
    assert first is not None
    owner.get(f"/applications/{application.pk}/")
    application.refresh_from_db()
    assert application.employer_viewed_at == first  # later opens change nothing
