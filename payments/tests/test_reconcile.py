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
    payment["status"] = "CANCELED"
    cache.set(key, payment)
    with pytest.raises(CommandError):
        call_command(
            "reconcile_payments", "--since", "2000-01-01", "--until", "2100-01-01T00:00:00"
        )
    out = capsys.readouterr().out
    assert f"DIFF {order.order_id}: gateway status cancelled != ours paid" in out


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


def test_ledger_and_wallet_differences_are_reported():
    from payments.models import LedgerEntry, Wallet
    from payments.selectors import reconcile

    order = paid(PendingTopupOrderFactory())
    wallet = Wallet.objects.get(owner=order.buyer)
    # A balance moved without its entry, and an entry missing for a paid top-up.
    Wallet.objects.filter(pk=wallet.pk).update(balance=wallet.balance + 5)
    problems = {
        d.problem
        for d in reconcile(
            since=order.created_at.replace(year=2000), until=order.created_at.replace(year=2100)
        )
    }
    assert any("ledger sums to" in p for p in problems)
    assert LedgerEntry.objects.filter(order=order).count() == 1


def test_wallet_order_without_its_entry_is_reported():
    from django.utils import timezone

    from jobs.tests.factories import PublishedJobFactory
    from payments.models import Order, OrderStatus
    from payments.selectors import reconcile
    from payments.tests.factories import product

    job = PublishedJobFactory()
    now = timezone.now()
    Order.objects.create(
        order_id="jbwalletnoentry1",
        buyer=job.owner,
        product=product("premium_7"),
        job=job,
        order_name="x",
        amount=30_000,
        provider="wallet",
        status=OrderStatus.PAID,
        paid_at=now,
    )
    gateway_no_key = Order.objects.create(
        order_id="jbtossnokey00001",
        buyer=job.owner,
        product=product("premium_7"),
        job=job,
        order_name="x",
        amount=30_000,
        provider="toss",
        status=OrderStatus.PAID,
        paid_at=now,
    )
    differences = reconcile(since=now.replace(year=2000), until=now.replace(year=2100))
    by_order = {d.order_id: d.problem for d in differences}
    assert "ledger" in by_order["jbwalletnoentry1"]
    assert by_order[gateway_no_key.order_id] == "paid without a gateway payment id"
