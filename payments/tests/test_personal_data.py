"""The wallet in "download my data" (POL-PRIV-001, POL-P-005): the balance and every
posting, as the wallet page shows them."""

import pytest

from accounts.selectors import user_data_export
from accounts.tests.factories import RecruiterFactory
from payments.tests.conftest import fund

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_wallet__POL_PRIV_001():
    recruiter = RecruiterFactory()
    order = fund(recruiter, 50_000)
    wallet = user_data_export(user=recruiter)["wallet"]
    assert wallet["balance"] == 50_000
    assert [
        (p["kind"], p["amount"], p["balance_after"], p["order_id"]) for p in wallet["postings"]
    ] == [("topup", 50_000, 50_000, order.order_id)]
    assert user_data_export(user=RecruiterFactory())["wallet"] == {"balance": 0, "postings": []}
