"""The failure page says only what we wrote (issue #13, item 6): a gateway's redirect URL
carries `code` and `message`, anyone can craft one and send it to a buyer, so the page and
the order show a message chosen by the code from payments.failures, never the URL's text."""

import pytest
from django.utils.translation import override

from payments.failures import GENERAL, REASONS
from payments.models import OrderStatus
from payments.tests.conftest import sandbox_toss_pay
from payments.tests.factories import PendingIamportOrderFactory, PendingTossOrderFactory

pytestmark = pytest.mark.django_db

PLANTED = "결제를 마치려면 010-0000-0000 으로 전화하세요"


def korean(message) -> str:
    with override("ko"):
        return str(message)


@pytest.mark.parametrize(
    ("factory", "provider", "params"),
    [
        (PendingTossOrderFactory, "toss", {"code": "PAY_PROCESS_CANCELED", "message": PLANTED}),
        (
            PendingIamportOrderFactory,
            "iamport",
            {"imp_success": "false", "error_msg": PLANTED},
        ),
    ],
)
def test_failure_page_never_shows_the_urls_message(browser_client_for, factory, provider, params):
    order = factory()
    id_param = "orderId" if provider == "toss" else "merchant_uid"
    browser = browser_client_for(order.buyer)
    page = browser.get(f"/payments/return/{provider}/", {id_param: order.order_id, **params})
    assert page.status_code == 200
    assert PLANTED not in page.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED
    assert PLANTED not in order.failure_message
    reason = korean(REASONS.get(order.failure_code, GENERAL))
    assert reason in page.content.decode()
    detail = browser.get(f"/payments/orders/{order.order_id}/").content.decode()
    assert PLANTED not in detail
    assert reason in detail


def test_a_known_code_shows_its_message(browser_client_for):
    order = PendingTossOrderFactory()
    page = browser_client_for(order.buyer).get(
        "/payments/return/toss/",
        {"orderId": order.order_id, "code": "PAY_PROCESS_CANCELED", "message": PLANTED},
    )
    assert korean(REASONS["PAY_PROCESS_CANCELED"]) in page.content.decode()


def test_an_unknown_or_crafted_code_is_stored_as_the_general_one(browser_client_for):
    order = PendingTossOrderFactory()
    crafted = "<b>전화하세요</b>"
    page = browser_client_for(order.buyer).get(
        "/payments/return/toss/", {"orderId": order.order_id, "code": crafted}
    )
    order.refresh_from_db()
    assert order.failure_code == "FAILED"
    assert korean(GENERAL) in page.content.decode()
    assert "전화하세요" not in page.content.decode()


def test_a_card_the_gateway_rejects_shows_the_message_for_its_code(browser_client_for):
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order, action="reject")
    page = browser_client_for(order.buyer).get("/payments/return/toss/", redirect)
    assert korean(REASONS["REJECT_CARD_PAYMENT"]) in page.content.decode()
