"""POL-P-005 as properties (hypothesis): whatever sequence of top-ups, card and wallet
purchases, refunds (the buyer's, staff's partial ones), cancels made at the gateway and
notifications (genuine, repeated, forged) happens, every journal entry balances, a wallet's
balance is the sum of its postings and never negative, each gateway's clearing account is
exactly what that gateway says it settled, and revenue − refunds = what the gateways settled
less what is still held in wallets (plus shortfall)."""

import contextlib
import json
import uuid
from datetime import UTC, datetime

import pytest
from django.conf import settings as django_settings
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from standardwebhooks.webhooks import Webhook

from accounts.tests.factories import AdminFactory
from jobboard.errors import DomainError
from jobs.tests.factories import PublishedJobFactory
from payments import selectors, services
from payments.gateways import get_gateway
from payments.models import AccountKind, Order, OrderStatus, Posting
from payments.tests.conftest import console_cancel, pay

pytestmark = pytest.mark.django_db

PROVIDERS = ["toss", "iamport", "portone"]

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("topup"),
            st.sampled_from(["topup_10000", "topup_50000", "topup_100000"]),
            st.sampled_from(PROVIDERS),
        ),
        st.tuples(
            st.just("card"), st.sampled_from(["premium_7", "banner_30"]), st.sampled_from(PROVIDERS)
        ),
        st.tuples(st.just("wallet"), st.sampled_from(["premium_7", "banner_7"]), st.none()),
        st.tuples(st.just("cancel"), st.integers(0, 20), st.none()),
        st.tuples(st.just("staff"), st.integers(0, 20), st.integers(1, 60_000)),
        st.tuples(st.just("console"), st.integers(0, 20), st.integers(1, 60_000)),
        st.tuples(st.just("notify"), st.integers(0, 20), st.booleans()),
    ),
    max_size=10,
)


def _pick(user, index):
    orders = list(
        Order.objects.filter(buyer=user, status=OrderStatus.PAID).exclude(provider="wallet")
    )
    return orders[index % len(orders)] if orders else None


def _step(user, job, staff, action, arg, extra):
    if action == "topup":
        pay(services.order_prepare(buyer=user, product_code=arg, provider=extra))
    elif action == "card":
        pay(services.order_prepare(buyer=user, product_code=arg, provider=extra, job_id=job.pk))
    elif action == "wallet":
        services.order_buy_with_wallet(buyer=user, product_code=arg, job_id=job.pk)
    elif action == "cancel":
        paid = list(Order.objects.filter(buyer=user, status=OrderStatus.PAID))
        if paid:
            services.order_refund(actor=user, order_id=paid[arg % len(paid)].order_id)
    elif action == "staff":
        order = _pick(user, arg)
        if order:
            amount = min(extra, order.refundable)
            services.order_refund(actor=staff, order_id=order.order_id, amount=amount, reason="p")
    elif action == "console":
        order = _pick(user, arg)
        if order:
            left = get_gateway(order.provider).get(order.payment_key)
            console_cancel(order, min(extra, left.amount - left.cancelled_amount) or None)
    elif action == "notify":
        order = _pick(user, arg)
        if order:
            # A notice for the order, forged or genuine: only the gateway's record counts.
            _deliver(order, forged=extra)


def _deliver(order, *, forged: bool) -> None:
    body = _notice(order, forged=forged)
    services.webhook_receive(
        provider=order.provider,
        body=body,
        headers=_signed(body) if order.provider == "portone" else {},
        content_type="application/json",
    )


def _signed(body: bytes) -> dict[str, str]:
    """Standard Webhooks headers, as PortOne signs every delivery (a fresh id each time)."""
    msg_id, now = f"msg_{uuid.uuid4().hex}", datetime.now(tz=UTC)
    signer = Webhook(django_settings.PORTONE_WEBHOOK_SECRETS[0])
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signer.sign(msg_id, now, body.decode()),
    }


def _notice(order, *, forged: bool) -> bytes:
    if order.provider == "portone":
        kind = "Transaction.Cancelled" if forged else "Transaction.Paid"
        body = {"type": kind, "data": {"paymentId": order.order_id}}
    elif order.provider == "iamport":
        body = {"imp_uid": order.payment_key, "merchant_uid": order.order_id, "status": "cancelled"}
    else:
        status = "CANCELED" if forged else "DONE"
        body = {
            "eventType": "PAYMENT_STATUS_CHANGED",
            "data": {"paymentKey": order.payment_key, "orderId": order.order_id, "status": status},
        }
    return json.dumps(body).encode()


def _settled_at_gateways() -> dict[str, int]:
    """What each gateway itself reports: paid minus given back, over every approved payment."""
    settled = dict.fromkeys(PROVIDERS, 0)
    for order in Order.objects.exclude(provider="wallet").exclude(payment_key=""):
        payment = get_gateway(order.provider).get(order.payment_key)
        if payment.approved:
            settled[order.provider] += payment.amount - payment.cancelled_amount
    return settled


def _total(**filters) -> int:
    return Posting.objects.filter(**filters).aggregate(s=Sum("amount"))["s"] or 0


def _gateways_deliver_every_notice() -> None:
    """Gateways retry until answered, so every state change is delivered eventually."""
    for order in Order.objects.exclude(provider="wallet").exclude(payment_key=""):
        _deliver(order, forged=False)


def _check_books(user) -> None:
    _gateways_deliver_every_notice()
    # Every entry balances.
    unbalanced = Posting.objects.values("entry_id").annotate(s=Sum("amount")).exclude(s=0)
    assert not unbalanced.exists()
    # A wallet's balance is the sum of its postings, never below zero, and each posting's
    # balance-after is the running sum.
    running = 0
    for posting in reversed(list(selectors.wallet_postings(owner=user))):
        running += posting.amount
        assert posting.balance_after == running >= 0
    assert selectors.wallet_balance(owner=user) == running
    # Each gateway's clearing account is exactly what the gateway settled with us.
    settled = _settled_at_gateways()
    for provider, amount in settled.items():
        assert -_total(account__code=f"clearing:{provider}") == amount
    # Revenue − refunds = settled − still held in wallets − shortfall (all books, one identity).
    revenue = _total(account__kind=AccountKind.REVENUE)
    refunds = -_total(account__kind=AccountKind.REFUNDS)
    wallets = _total(account__kind=AccountKind.WALLET)
    shortfall = -_total(account__kind=AccountKind.SHORTFALL)
    assert revenue - refunds == sum(settled.values()) - wallets + shortfall
    # And the reconciliation finds nothing to report.
    assert (
        services.reconcile_payments(
            since=Order.objects.earliest("created_at").created_at.replace(year=2000),
            until=Order.objects.earliest("created_at").created_at.replace(year=2100),
        )
        == []
    )


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_books_balance_whatever_happens__POL_P_005__POL_P_007(steps):
    job = PublishedJobFactory()
    user, staff = job.owner, AdminFactory()
    for action, arg, extra in steps:
        # Refusals (balance too small, nothing left to refund) leave the books as they were.
        with contextlib.suppress(DomainError):
            _step(user, job, staff, action, arg, extra)
        if Order.objects.exists():
            _check_books(user)
