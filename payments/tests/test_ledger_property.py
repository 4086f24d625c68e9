"""POL-P-005 as a property: whatever sequence of top-ups, purchases and refunds happens,
the ledger sums to the wallet balance, every entry's balance_after is the running sum, and
no balance is ever negative."""

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobboard.errors import DomainError
from jobs.tests.factories import PublishedJobFactory
from payments import services
from payments.models import LedgerEntry, Order, OrderStatus, Wallet
from payments.tests.conftest import sandbox_toss_pay

pytestmark = pytest.mark.django_db

steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("topup"), st.sampled_from(["topup_10000", "topup_50000", "topup_100000"])
        ),
        st.tuples(
            st.just("buy"), st.sampled_from(["premium_7", "premium_30", "banner_7", "banner_30"])
        ),
        st.tuples(st.just("refund"), st.integers(min_value=0, max_value=20)),
    ),
    max_size=12,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_ledger_sum_equals_balance__POL_P_005(steps):
    job = PublishedJobFactory()
    user = job.owner
    for action, arg in steps:
        try:
            if action == "topup":
                order = services.order_prepare(buyer=user, product_code=arg, provider="toss")
                redirect = sandbox_toss_pay(order)
                services.order_confirm(
                    user=user,
                    order_id=order.order_id,
                    payment_key=redirect["paymentKey"],
                    amount=order.amount,
                )
            elif action == "buy":
                services.order_buy_with_wallet(buyer=user, product_code=arg, job_id=job.pk)
            else:
                paid = list(
                    Order.objects.filter(buyer=user, status=OrderStatus.PAID).order_by("id")
                )
                if paid:
                    services.order_refund(actor=user, order_id=paid[arg % len(paid)].order_id)
        except DomainError:
            pass  # refusals (insufficient balance, spent top-up) must leave the books as they were
        wallet = Wallet.objects.filter(owner=user).first()
        if wallet is None:
            continue
        entries = list(LedgerEntry.objects.filter(wallet=wallet).order_by("id"))
        running = 0
        for entry in entries:
            running += entry.amount
            assert entry.balance_after == running
            assert running >= 0
        assert running == wallet.balance
        assert (
            LedgerEntry.objects.filter(wallet=wallet).aggregate(s=Sum("amount"))["s"] or 0
        ) == wallet.balance
