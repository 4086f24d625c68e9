"""PortOne V2 through the gateway seam (POL-P-008): the buyer pays in PortOne's window, every
webhook is a Standard Webhooks delivery (signature, ±5 minutes, replay refused, secrets
rotated without a gap) and only a trigger to look the payment up (POL-P-004); cancels go
out with the cancellable amount we believe in and partial cancels are applied exactly
(POL-P-007). Nothing here or in services names PortOne except its own module."""

import base64
import json
import time
import uuid
from datetime import UTC, datetime

import pytest
from standardwebhooks.webhooks import Webhook

from accounts.tests.factories import AdminFactory
from payments import selectors, services
from payments.exceptions import PaymentRejected
from payments.gateways import get_gateway
from payments.models import JournalEntry, OrderStatus, Posting
from payments.tests.conftest import console_cancel, pay, sandbox_portone_pay
from payments.tests.factories import PendingPortOneOrderFactory, PendingPortOneTopupOrderFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/webhooks/payments/portone"
OTHER_SECRET = "whsec_" + base64.b64encode(b"a-secret-portone-never-had").decode()


def delivery(api_client, order, event="Transaction.Paid", *, secret=None, offset=0, **kw):
    """A webhook as PortOne sends it: JSON signed over "id.timestamp.body"."""
    from django.conf import settings

    body = json.dumps(
        {
            "type": event,
            "timestamp": "2026-11-29T00:00:00Z",
            "data": {"paymentId": order.order_id, "transactionId": "tx", **kw.pop("data", {})},
        }
    )
    msg_id = kw.pop("msg_id", f"msg_{uuid.uuid4().hex}")
    stamp = int(time.time()) + offset  # seconds away from now, as the sender's clock says
    signer = Webhook(secret or settings.PORTONE_WEBHOOK_SECRETS[0])
    signature = signer.sign(msg_id, datetime.fromtimestamp(stamp, tz=UTC), body)
    headers = {
        "HTTP_WEBHOOK_ID": msg_id,
        "HTTP_WEBHOOK_TIMESTAMP": str(stamp),
        "HTTP_WEBHOOK_SIGNATURE": kw.pop("signature", signature),
    }
    return api_client.post(URL, body, content_type="application/json", **headers)


def test_buyer_pays_in_portones_window_and_the_server_confirms__POL_P_003():
    order = pay(PendingPortOneOrderFactory())
    assert order.status == OrderStatus.PAID
    assert order.payment_key == order.order_id
    assert order.job_option.is_active()
    assert "/payments/sandbox/receipt/" in order.receipt_url


def test_buyer_giving_up_in_the_window_fails_the_order():
    order = PendingPortOneOrderFactory()
    redirect = sandbox_portone_pay(order, action="cancel")
    result = services.order_return(user=order.buyer, provider="portone", params=redirect)
    assert result.status == OrderStatus.FAILED
    assert not JournalEntry.objects.filter(order=order).exists()


def test_paid_amount_other_than_the_order_is_refused__POL_P_003():
    """The window can be tampered with: PortOne reports 100 KRW paid for a 30,000 order."""
    order = PendingPortOneOrderFactory()
    redirect = sandbox_portone_pay(order, amount=100)
    with pytest.raises(PaymentRejected) as refused:
        services.order_return(user=order.buyer, provider="portone", params=redirect)
    assert refused.value.code == "amount-mismatch"
    order.refresh_from_db()
    assert order.status != OrderStatus.PAID
    assert not Posting.objects.filter(entry__order=order).exists()


def test_signed_paid_webhook_pays_once_and_a_replay_is_refused__POL_P_004(api_client):
    order = PendingPortOneOrderFactory()
    sandbox_portone_pay(order)  # paid at PortOne; the browser never came back
    first = delivery(api_client, order, msg_id="msg_1")
    assert first.status_code == 200, first.content
    assert first.json()["result"] == "paid"
    replay = delivery(api_client, order, msg_id="msg_1")
    assert replay.json()["result"] == "duplicate"
    # PortOne retries with a new id: still one effect, deduplicated by what PortOne reports.
    assert delivery(api_client, order, msg_id="msg_2").json()["result"] == "duplicate"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert JournalEntry.objects.filter(order=order).count() == 1


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"secret": OTHER_SECRET}, "signed with a secret we never had"),
        ({"offset": -6 * 60}, "older than five minutes"),
        ({"offset": 6 * 60}, "from the future"),
        ({"signature": "v1,AAAA"}, "a signature that is not one"),
        ({"signature": "garbage"}, "a header without a version"),
    ],
)
def test_unverifiable_deliveries_are_refused_and_change_nothing__POL_P_004(api_client, change, why):
    order = PendingPortOneOrderFactory()
    sandbox_portone_pay(order)
    response = delivery(api_client, order, **change)
    assert response.status_code == 400, why
    assert response["Content-Type"] == "application/problem+json"
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING, why


def test_unsigned_delivery_is_refused(api_client):
    order = PendingPortOneOrderFactory()
    body = {"type": "Transaction.Paid", "data": {"paymentId": order.order_id}}
    assert api_client.post(URL, body, format="json").status_code == 400


def test_a_rotated_secret_keeps_deliveries_flowing(api_client, settings):
    """During a rotation both secrets are configured; a delivery signed with either passes,
    one signed with neither does not."""
    old = settings.PORTONE_WEBHOOK_SECRETS[0]
    settings.PORTONE_WEBHOOK_SECRETS = [OTHER_SECRET, old]
    order = PendingPortOneOrderFactory()
    sandbox_portone_pay(order)
    assert delivery(api_client, order, secret=old).json()["result"] == "paid"
    assert delivery(api_client, order, secret=OTHER_SECRET).json()["result"] == "duplicate"
    settings.PORTONE_WEBHOOK_SECRETS = [OTHER_SECRET]
    assert delivery(api_client, order, secret=old).status_code == 400


def test_other_event_types_are_answered_and_ignored(api_client):
    """Standard Webhooks: unknown types must not be refused (PortOne would retry them)."""
    order = PendingPortOneOrderFactory()
    response = delivery(api_client, order, event="BillingKey.Issued")
    assert (response.status_code, response.json()["result"]) == (200, "ignored")


def test_forged_then_genuine_cancel_refunds_once__POL_P_004__POL_P_007(api_client):
    """A correctly signed "Transaction.Cancelled" that PortOne's own record contradicts
    (nothing cancelled) changes nothing; the genuine cancel later refunds once."""
    order = pay(PendingPortOneTopupOrderFactory())
    buyer = order.buyer
    early = delivery(api_client, order, "Transaction.Cancelled")
    assert early.json()["result"] in ("already-paid", "duplicate")
    assert selectors.wallet_balance(owner=buyer) == 50_000
    console_cancel(order)
    genuine = delivery(api_client, order, "Transaction.Cancelled")
    assert genuine.json()["result"] == "refunded"
    assert delivery(api_client, order, "Transaction.Cancelled").json()["result"] == "duplicate"
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.CANCELLED, 50_000)
    assert selectors.wallet_balance(owner=buyer) == 0
    assert JournalEntry.objects.filter(order=order, kind="refund").count() == 1


def test_partial_cancel_at_portone_is_applied_for_exactly_its_amount__POL_P_007(api_client):
    order = pay(PendingPortOneTopupOrderFactory())
    console_cancel(order, 10_000)
    response = delivery(api_client, order, "Transaction.PartialCancelled")
    assert response.json()["result"] == "partially-refunded"
    assert selectors.wallet_balance(owner=order.buyer) == 40_000
    refund = Posting.objects.filter(entry__order=order, entry__kind="refund", amount__gt=0)
    assert list(refund.values_list("account__code", "amount")) == [("clearing:portone", 10_000)]


def test_staff_partial_refund_goes_through_portone__POL_P_007():
    staff_user = AdminFactory()
    order = pay(PendingPortOneTopupOrderFactory())
    services.order_refund(actor=staff_user, order_id=order.order_id, amount=5_000, reason="test")
    payment = get_gateway("portone").get(order.payment_key)
    assert (payment.status, payment.cancelled_amount) == ("partial_cancelled", 5_000)
    assert selectors.wallet_balance(owner=order.buyer) == 45_000


def test_cancel_refused_when_portone_holds_a_different_cancellable_amount():
    """`currentCancellableAmount`: a cancel computed from a stale view of the payment is
    refused by PortOne instead of giving back money twice."""
    from payments.gateways import GatewayRejected

    order = pay(PendingPortOneTopupOrderFactory())
    console_cancel(order, 1_000)  # we have not heard of it yet
    with pytest.raises(GatewayRejected) as refused:
        get_gateway("portone").cancel(
            payment_id=order.payment_key,
            amount=50_000,
            cancellable=50_000,
            reason="stale",
            idempotency_key="k",
        )
    assert refused.value.code == "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN"
