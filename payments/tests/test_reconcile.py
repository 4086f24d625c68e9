import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from payments import services
from payments.tests.conftest import sandbox_toss_pay
from payments.tests.factories import PendingTopupOrderFactory, PendingTossOrderFactory

pytestmark = pytest.mark.django_db


def paid(order):
    redirect = sandbox_toss_pay(order)
    return services.order_confirm(
        user=order.buyer,
        order_id=order.order_id,
        payment_key=redirect["paymentKey"],
        amount=order.amount,
    )


def test_clean_books_reconcile(capsys):
    paid(PendingTossOrderFactory())
    paid(PendingTopupOrderFactory())
    call_command("reconcile_payments", "--since", "2000-01-01")
    assert "0 difference(s)" in capsys.readouterr().out


def test_gateway_disagreement_is_reported(capsys):
    order = paid(PendingTossOrderFactory())
    key = f"sandbox:toss:pay:{order.payment_key}"
    payment = cache.get(key)
    payment.update(status="CANCELED", balanceAmount=0)  # cancelled behind our back
    cache.set(key, payment)
    with pytest.raises(CommandError):
        call_command(
            "reconcile_payments", "--since", "2000-01-01", "--until", "2100-01-01T00:00:00"
        )
    out = capsys.readouterr().out
    assert f"DIFF {order.order_id}: gateway refunded 30000, we 0" in out


def test_bad_period_is_refused():
    with pytest.raises(CommandError):
        call_command("reconcile_payments", "--since", "2030-01-02", "--until", "2030-01-01")
    with pytest.raises(CommandError):
        call_command("reconcile_payments", "--since", "yesterday")


def test_expire_orders_command(capsys):
    from datetime import timedelta

    from django.utils import timezone

    from payments.models import OrderStatus

    stale = PendingTossOrderFactory(created_at=timezone.now() - timedelta(hours=3))
    call_command("expire_orders", "--minutes", "60")
    stale.refresh_from_db()
    assert stale.status == OrderStatus.EXPIRED
    assert "1 order(s) expired" in capsys.readouterr().out


def _period(order):
    return {
        "since": order.created_at.replace(year=2000),
        "until": order.created_at.replace(year=2100),
    }


def test_refund_missing_from_our_books_is_reported():
    """The gateway gave money back that no entry records: reconciliation says so."""
    from payments.tests.conftest import console_cancel

    order = paid(PendingTopupOrderFactory())
    console_cancel(order, 5_000)
    differences = services.reconcile_payments(**_period(order))
    assert [d.problem for d in differences] == ["gateway refunded 5000, we 0"]


def test_settled_orders_without_their_entries_are_reported():
    from django.utils import timezone

    from jobs.tests.factories import PublishedJobFactory
    from payments.models import Order, OrderStatus
    from payments.tests.factories import product

    job = PublishedJobFactory()
    now = timezone.now()
    common = {
        "buyer": job.owner,
        "product": product("premium_7"),
        "job": job,
        "order_name": "x",
        "amount": 30_000,
        "status": OrderStatus.PAID,
        "paid_at": now,
    }
    Order.objects.create(order_id="jbwalletnoentry1", provider="wallet", **common)
    no_key = Order.objects.create(order_id="jbtossnokey00001", provider="toss", **common)
    differences = services.reconcile_payments(
        since=now.replace(year=2000), until=now.replace(year=2100)
    )
    problems = {(d.order_id, d.problem) for d in differences}
    assert problems == {
        ("jbwalletnoentry1", "ledger paid 0 refunded 0, expected 30000 and 0"),
        (no_key.order_id, "ledger paid 0 refunded 0, expected 30000 and 0"),
        (no_key.order_id, "settled without a gateway payment id"),
    }


def test_gateway_paid_for_a_failed_order_is_reported(mock_gateway):
    from payments.models import Order, OrderStatus

    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order)
    from payments.gateways import get_gateway

    get_gateway("toss").confirm(
        payment_id=redirect["paymentKey"],
        order_id=order.order_id,
        amount=order.amount,
        idempotency_key="k",
    )
    services.order_fail(user=order.buyer, order_id=order.order_id, code="X", message="x")
    Order.objects.filter(pk=order.pk).update(payment_key=redirect["paymentKey"])
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED
    problems = [d.problem for d in services.reconcile_payments(**_period(order))]
    assert problems == ["gateway kept 30000 for an order that is failed"]
