"""POL-P-004: notifications verified by re-fetching the payment, deduplicated by what the
gateway says (never by the body), applied once however many times, in whatever order, and
racing the browser's redirect; cancels made at the gateway applied for exactly their amount."""

import threading
from urllib.parse import urlencode

import httpx
import pytest
from django.db import connection
from django.test import Client

from jobs.models import JobOption
from jobs.tests.factories import PublishedJobFactory
from payments import selectors, services
from payments.gateways import get_gateway
from payments.models import JournalEntry, Order, OrderStatus, Posting, WebhookEvent
from payments.tests.conftest import console_cancel, fund, pay, sandbox_iamport_pay, sandbox_toss_pay
from payments.tests.factories import (
    PendingIamportOrderFactory,
    PendingIamportTopupOrderFactory,
    PendingTopupOrderFactory,
    PendingTossOrderFactory,
)

pytestmark = pytest.mark.django_db
TOSS_URL = "/api/v1/webhooks/payments/toss"
BODY_URL = "/api/v1/webhooks/payments/{}"
IAMPORT_URL = "/api/v1/webhooks/payments/iamport"


def toss_done_at_gateway(order):
    """The buyer paid and Toss confirmed (say our confirm timed out on the way back)."""
    redirect = sandbox_toss_pay(order)
    get_gateway("toss").confirm(
        payment_id=redirect["paymentKey"],
        order_id=order.order_id,
        amount=order.amount,
        idempotency_key=f"{order.order_id}-confirm",
    )
    return redirect["paymentKey"]


def toss_event(order, payment_key, status="DONE"):
    return {
        "eventType": "PAYMENT_STATUS_CHANGED",
        "createdAt": "2026-11-22T00:00:00.000000",
        "data": {
            "paymentKey": payment_key,
            "orderId": order.order_id,
            "status": status,
            "totalAmount": order.amount,
        },
    }


def post_toss(api_client, body, transmission_id="tx-1"):
    return api_client.post(
        TOSS_URL, body, format="json", HTTP_TOSSPAYMENTS_WEBHOOK_TRANSMISSION_ID=transmission_id
    )


def test_toss_done_pays_the_order_once__POL_P_004(api_client):
    order = PendingTossOrderFactory()
    payment_key = toss_done_at_gateway(order)
    first = post_toss(api_client, toss_event(order, payment_key))
    again = post_toss(api_client, toss_event(order, payment_key))
    assert (first.status_code, first.json()["result"]) == (200, "paid")
    assert (again.status_code, again.json()["result"]) == (200, "duplicate")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert JobOption.objects.count() == 1
    assert WebhookEvent.objects.get().order == order


def test_redelivery_with_new_transmission_id_is_still_one_effect__POL_P_004(api_client):
    order = PendingTopupOrderFactory()
    payment_key = toss_done_at_gateway(order)
    for n in range(3):
        assert (
            post_toss(
                api_client, toss_event(order, payment_key), transmission_id=f"tx-{n}"
            ).status_code
            == 200
        )
    assert JournalEntry.objects.count() == 1
    assert Order.objects.get().status == OrderStatus.PAID
    assert WebhookEvent.objects.count() == 1  # one gateway state, one event


def test_webhook_body_is_only_a_trigger__POL_P_004(api_client):
    """A forged DONE for a payment Toss has not confirmed changes nothing."""
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order)  # authorised, never confirmed: Toss says IN_PROGRESS
    response = post_toss(api_client, toss_event(order, redirect["paymentKey"]))
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert not JobOption.objects.exists()


def test_redirect_and_webhook_racing_pay_once__POL_P_003__POL_P_004(api_client):
    order = PendingTossOrderFactory()
    payment_key = toss_done_at_gateway(order)
    assert post_toss(api_client, toss_event(order, payment_key)).json()["result"] == "paid"
    # The browser's redirect arrives afterwards and confirms again: a no-op.
    paid = services.order_confirm(
        user=order.buyer, order_id=order.order_id, payment_key=payment_key, amount=order.amount
    )
    assert paid.status == OrderStatus.PAID
    # And the other way round for a second order: redirect first, then the webhook.
    second = PendingTossOrderFactory(buyer=order.buyer, job=order.job)
    redirect = sandbox_toss_pay(second)
    services.order_confirm(
        user=second.buyer,
        order_id=second.order_id,
        payment_key=redirect["paymentKey"],
        amount=second.amount,
    )
    late = post_toss(api_client, toss_event(second, redirect["paymentKey"]), transmission_id="tx-2")
    assert (late.status_code, late.json()["result"]) == (200, "already-paid")
    assert JobOption.objects.count() == 2


def test_cancelled_at_gateway_ends_the_option__POL_P_004__POL_P_006(api_client):
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order)
    order = services.order_confirm(
        user=order.buyer,
        order_id=order.order_id,
        payment_key=redirect["paymentKey"],
        amount=order.amount,
    )
    console_cancel(order)
    response = post_toss(
        api_client, toss_event(order, order.payment_key, "CANCELED"), transmission_id="tx-c"
    )
    assert response.json()["result"] == "refunded"
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert not JobOption.objects.get().is_active()


def test_late_aborted_event_never_undoes_a_payment(api_client, mock_gateway):
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order)
    order = services.order_confirm(
        user=order.buyer,
        order_id=order.order_id,
        payment_key=redirect["paymentKey"],
        amount=order.amount,
    )
    mock_gateway(
        lambda r: httpx.Response(
            200,
            json={
                "paymentKey": order.payment_key,
                "orderId": order.order_id,
                "status": "ABORTED",
                "totalAmount": order.amount,
            },
        )
    )
    response = post_toss(
        api_client, toss_event(order, order.payment_key, "ABORTED"), transmission_id="tx-a"
    )
    assert response.json()["result"] == "ignored"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"eventType": "PAYMENT_STATUS_CHANGED"},
        {"eventType": "PAYMENT_STATUS_CHANGED", "data": {"paymentKey": 5, "orderId": "x"}},
        {"foo": "bar"},
    ],
)
def test_malformed_toss_bodies_are_refused__POL_P_004(api_client, body):
    response = post_toss(api_client, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert not WebhookEvent.objects.exists()


def test_invalid_json_is_refused(api_client):
    response = api_client.post(TOSS_URL, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_unknown_order_is_404_and_changes_nothing__POL_P_004(api_client):
    body = {
        "eventType": "PAYMENT_STATUS_CHANGED",
        "data": {"paymentKey": "pk", "orderId": "never_issued"},
    }
    response = post_toss(api_client, body)
    assert response.status_code == 404
    assert not WebhookEvent.objects.exists()


def test_unhandled_event_types_get_200(api_client):
    response = post_toss(api_client, {"eventType": "PAYOUT_STATUS_CHANGED", "data": {}})
    assert (response.status_code, response.json()["result"]) == (200, "ignored")


def test_gateway_down_is_503_and_the_event_can_be_retried__POL_P_004(
    api_client, mock_gateway, sandbox_transport, monkeypatch
):
    order = PendingTossOrderFactory()
    payment_key = toss_done_at_gateway(order)
    mock_gateway(lambda r: (_ for _ in ()).throw(httpx.ConnectError("down")))
    response = post_toss(api_client, toss_event(order, payment_key))
    assert response.status_code == 503
    assert not WebhookEvent.objects.exists()
    from payments.gateways import base

    monkeypatch.setattr(base, "transport_override", sandbox_transport)
    assert post_toss(api_client, toss_event(order, payment_key)).json()["result"] == "paid"


def test_payment_of_another_order_is_refused(api_client):
    order = PendingTossOrderFactory()
    other = PendingTossOrderFactory()
    payment_key = toss_done_at_gateway(other)
    response = post_toss(api_client, toss_event(order, payment_key))
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert not WebhookEvent.objects.exists()


def test_deposit_callback_checked_by_secret__POL_P_004(api_client, mock_gateway):
    order = PendingTossOrderFactory()
    state = {"status": "WAITING_FOR_DEPOSIT"}

    def handler(request):
        return httpx.Response(
            200,
            json={
                "paymentKey": "pk_va",
                "orderId": order.order_id,
                "status": state["status"],
                "totalAmount": order.amount,
                "secret": "ps_right",
            },
        )

    mock_gateway(handler)
    body = {
        "createdAt": "x",
        "secret": "ps_wrong",
        "status": "DONE",
        "transactionKey": "tk1",
        "orderId": order.order_id,
    }
    assert post_toss(api_client, body, transmission_id="").status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    state["status"] = "DONE"
    response = post_toss(api_client, {**body, "secret": "ps_right"}, transmission_id="")
    assert (response.status_code, response.json()["result"]) == (200, "paid")


def test_iamport_form_encoded_notification_pays__POL_P_004(api_client):
    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order)
    body = {"imp_uid": redirect["imp_uid"], "merchant_uid": order.order_id, "status": "paid"}
    response = api_client.post(
        IAMPORT_URL, urlencode(body), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    json_again = api_client.post(IAMPORT_URL, body, format="json")
    assert json_again.json()["result"] == "duplicate"


def test_unsupported_media_type_is_415(api_client):
    response = api_client.post(IAMPORT_URL, {"imp_uid": "x"}, format="multipart")
    assert response.status_code == 415


def test_iamport_unknown_imp_uid_is_refused(api_client):
    order = PendingIamportOrderFactory()
    body = {"imp_uid": "imp_000", "merchant_uid": order.order_id, "status": "paid"}
    assert api_client.post(IAMPORT_URL, body, format="json").status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_iamport_amount_mismatch_fails_the_order__POL_P_003(api_client):
    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order, amount=100)
    body = {"imp_uid": redirect["imp_uid"], "merchant_uid": order.order_id, "status": "paid"}
    assert api_client.post(IAMPORT_URL, body, format="json").json()["result"] == "amount-mismatch"
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED
    assert not JobOption.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_50_parallel_deliveries_have_one_effect__POL_P_004():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so threads prove nothing")
    order = PendingTopupOrderFactory()
    payment_key = toss_done_at_gateway(order)
    body = toss_event(order, payment_key)
    barrier = threading.Barrier(50)
    statuses: list[int] = []

    def deliver(n):
        from django.db import connections

        try:
            barrier.wait()
            response = Client().post(
                TOSS_URL,
                body,
                content_type="application/json",
                HTTP_TOSSPAYMENTS_WEBHOOK_TRANSMISSION_ID=f"tx-{n % 5}",
            )
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 50
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert JournalEntry.objects.filter(order=order).count() == 1
    assert WebhookEvent.objects.count() == 1


def iamport_notice(api_client, order, imp_uid, status="cancelled", **extra):
    body = {"imp_uid": imp_uid, "merchant_uid": order.order_id, "status": status, **extra}
    return api_client.post(IAMPORT_URL, body, format="json")


def test_forged_then_genuine_cancel_refunds_once__POL_P_004__POL_P_007(api_client):
    """The issue's attack: a buyer sends a forged "cancelled" notice while the top-up is
    paid (recorded, changes nothing); the merchant then really cancels at the gateway, and
    the genuine notice — same body fields — must still refund the order, once."""
    order = pay(PendingIamportTopupOrderFactory())
    buyer = order.buyer
    forged = iamport_notice(api_client, order, order.payment_key, cancellation_id="c1")
    assert forged.json()["result"] in ("already-paid", "duplicate")
    assert selectors.wallet_balance(owner=buyer) == 50_000
    console_cancel(order)
    genuine = iamport_notice(api_client, order, order.payment_key, cancellation_id="c1")
    assert genuine.json()["result"] == "refunded"
    again = iamport_notice(api_client, order, order.payment_key, cancellation_id="c1")
    assert again.json()["result"] == "duplicate"
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.CANCELLED, 50_000)
    assert selectors.wallet_balance(owner=buyer) == 0
    assert JournalEntry.objects.filter(order=order, kind="refund").count() == 1


def test_gateway_partial_cancel_is_applied_for_exactly_its_amount__POL_P_007(api_client):
    """Toss refunded 1,000 of a 100,000 premium order: the order stays paid, the option
    keeps running, and the ledger gives back exactly 1,000."""
    from payments.tests.factories import product

    order = pay(PendingTossOrderFactory(product=product("premium_30")))
    console_cancel(order, 1_000)
    response = post_toss(api_client, toss_event(order, order.payment_key, "PARTIAL_CANCELED"))
    assert response.json()["result"] == "partially-refunded"
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.PAID, 1_000)
    assert order.job_option.is_active()
    refund = Posting.objects.filter(entry__order=order, entry__kind="refund", amount__gt=0)
    assert list(refund.values_list("account__code", "amount")) == [("clearing:toss", 1_000)]
    # A second partial cancel at the gateway: a new state, a new effect.
    console_cancel(order, 9_000)
    post_toss(api_client, toss_event(order, order.payment_key, "PARTIAL_CANCELED"))
    order.refresh_from_db()
    assert order.refunded_amount == 10_000


def test_gateway_partial_cancel_of_a_topup_takes_only_that_amount__POL_P_007(api_client):
    """Iamport refunded 10,000 of a 50,000 top-up: the wallet goes 50,000 → 40,000."""
    order = pay(PendingIamportTopupOrderFactory())
    console_cancel(order, 10_000)
    assert iamport_notice(api_client, order, order.payment_key).json()["result"] == (
        "partially-refunded"
    )
    assert selectors.wallet_balance(owner=order.buyer) == 40_000


def test_gateway_cancel_of_a_spent_topup_books_a_shortfall__POL_P_007(api_client):
    job = PublishedJobFactory()
    topup = fund(job.owner, 50_000)
    services.order_buy_with_wallet(buyer=job.owner, product_code="premium_7", job_id=job.pk)
    console_cancel(topup)
    post_toss(api_client, toss_event(topup, topup.payment_key, "CANCELED"))
    assert selectors.wallet_balance(owner=job.owner) == 0
    refund = dict(
        Posting.objects.filter(entry__order=topup, entry__kind="refund").values_list(
            "account__code", "amount"
        )
    )
    assert refund == {
        f"wallet:{job.owner.pk}": -20_000,
        "shortfall": -30_000,
        "clearing:toss": 50_000,
    }


def test_unknown_provider_is_404(api_client):
    response = api_client.post(BODY_URL.format("paypal"), {"x": 1}, format="json")
    assert response.status_code == 404
