"""The buyer is told of every refund of their order — by staff, or made at the gateway and
seen through its webhook; full or partial — in the site and by email through the task queue,
in the language they ordered in (issue 12, POL-P-007, POL-AP-004). Across payments and
applications, which may not import each other: they meet in jobboard.inbox (ADR 0080)."""

import json

import pytest
from django.core import mail
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import AdminFactory, RecruiterFactory
from applications.models import Notification, NotificationKind
from applications.notifications import notification_text
from applications.tests.helpers import run_worker
from payments import services
from payments.exceptions import PaymentRejected
from payments.gateways import base
from payments.models import OrderStatus
from payments.tests.conftest import DjangoAppTransport, console_cancel, pay
from payments.tests.factories import PendingIamportOrderFactory, PendingTossOrderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sandbox(monkeypatch):
    """The gateways are the sandbox, reached over the httpx seam (as in payments' tests)."""
    monkeypatch.setattr(base, "transport_override", DjangoAppTransport())


def refund_notices(user):
    return list(Notification.objects.filter(user=user, kind=NotificationKind.ORDER_REFUNDED))


def toss_webhook(order, status):
    body = {
        "eventType": "PAYMENT_STATUS_CHANGED",
        "createdAt": "2026-11-29T00:00:00.000000",
        "data": {"paymentKey": order.payment_key, "orderId": order.order_id, "status": status},
    }
    return services.webhook_receive(
        provider="toss",
        body=json.dumps(body).encode(),
        headers={},
        content_type="application/json",
    )


def test_staff_partial_refund_is_told_to_the_buyer_in_korean__POL_P_007():
    order = pay(PendingIamportOrderFactory())  # premium_7, 30,000 KRW
    services.order_refund(
        actor=AdminFactory(), order_id=order.order_id, amount=10_000, reason="goodwill"
    )
    [notice] = refund_notices(order.buyer)
    assert notice.params["amount"] == 10_000
    assert notice.link == f"/payments/orders/{order.order_id}/"
    assert "10,000원이 환불되었습니다" in notification_text(notice, "ko")
    assert "10,000 KRW of your order" in notification_text(notice, "en")
    # The email waits in the queue, written in the refund's transaction; the worker sends it.
    assert DBTaskResult.objects.filter(args_kwargs__args=[notice.pk]).exists()
    run_worker()
    [message] = mail.outbox
    assert message.to == [order.buyer.email]
    assert "부분 환불" in message.subject
    assert "이번 환불: 10,000원" in message.body
    assert "환불 합계: 10,000원 / 결제 금액 30,000원" in message.body
    assert f"/payments/orders/{order.order_id}/" in message.alternatives[0][0]


def test_gateway_cancel_is_told_once_however_often_it_is_notified__POL_P_004():
    order = pay(PendingTossOrderFactory())
    console_cancel(order)  # the merchant cancels everything in Toss's console
    assert toss_webhook(order, "CANCELED") == "refunded"
    assert toss_webhook(order, "CANCELED") == "duplicate"
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    [notice] = refund_notices(order.buyer)
    assert (notice.params["amount"], notice.params["full"]) == (order.amount, True)
    run_worker()
    [message] = mail.outbox
    assert "전액 환불" in message.subject
    assert "카드사" in message.body


def test_buyer_who_ordered_in_english_is_told_in_english():
    with translation.override("en"):
        order = services.order_prepare(
            buyer=RecruiterFactory(), product_code="topup_50000", provider="toss"
        )
    assert order.language == "en"
    order = pay(order)
    with translation.override("ko"):  # staff work in Korean; the buyer still reads English
        services.order_refund(actor=AdminFactory(), order_id=order.order_id, amount=50_000)
    run_worker()
    [message] = mail.outbox
    assert message.subject == f"[jobboard] Your order “{order.order_name}” was refunded in full"
    assert "Refunded in all: 50,000 KRW of 50,000 KRW paid" in message.body


def test_a_refund_the_gateway_refuses_tells_nobody(monkeypatch):
    import httpx

    order = pay(PendingTossOrderFactory())
    monkeypatch.setattr(
        base,
        "transport_override",
        httpx.MockTransport(
            lambda request: httpx.Response(
                400, json={"code": "NOT_CANCELABLE_PAYMENT", "message": "no"}
            )
        ),
    )
    with pytest.raises(PaymentRejected):
        services.order_refund(actor=order.buyer, order_id=order.order_id)
    assert refund_notices(order.buyer) == []
