"""Payments pages speak Korean by default and English on request."""

import pytest

from jobs.tests.factories import PublishedJobFactory

pytestmark = pytest.mark.django_db


def test_checkout_in_korean_and_english(browser_client_for):
    job = PublishedJobFactory()
    browser = browser_client_for(job.owner)
    korean = browser.get(f"/payments/jobs/{job.pk}/checkout/").content.decode()
    assert "공고 홍보하기" in korean
    assert "7일, 30,000원" in korean
    english = browser.get(f"/payments/jobs/{job.pk}/checkout/", headers={"Accept-Language": "en"})
    assert "Promote a job" in english.content.decode()
