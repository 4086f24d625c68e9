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
