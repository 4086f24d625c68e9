"""Rules on a real database, with the gateways played by the sandbox over the httpx seam."""

from datetime import timedelta

import httpx
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs.models import JobOption
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory
from payments import services
from payments.exceptions import (
    GatewayUnavailable,
    InsufficientBalance,
    LedgerImmutable,
    NotYourOrder,
    OrderNotFound,
    PaymentRejected,
)
from payments.models import LedgerEntry, LedgerKind, Order, OrderStatus, Wallet
from payments.tests.conftest import sandbox_iamport_pay, sandbox_toss_pay
from payments.tests.factories import (
    PendingIamportOrderFactory,
    PendingTopupOrderFactory,
    PendingTossOrderFactory,
)

pytestmark = pytest.mark.django_db


def pay_toss(order):
    redirect = sandbox_toss_pay(order)
    return services.order_confirm(
        user=order.buyer,
        order_id=order.order_id,
        payment_key=redirect["paymentKey"],
        amount=int(redirect["amount"]),
    )


def fund(user, amount=100_000):
    """A paid top-up through Toss: the wallet holds `amount` afterwards."""
    code = {10_000: "topup_10000", 50_000: "topup_50000", 100_000: "topup_100000"}[amount]
    order = services.order_prepare(buyer=user, product_code=code, provider="toss")
    return pay_toss(order)


def test_prepare_takes_the_server_price__POL_P_001():
    job = PublishedJobFactory()
    order = services.order_prepare(
        buyer=job.owner, product_code="premium_30", provider="toss", job_id=job.pk
    )
    assert order.amount == 100_000
    assert order.status == OrderStatus.PENDING
    assert order.job == job


def test_prepare_refuses_someone_elses_job__POL_J_001():
    job = PublishedJobFactory()
    other = PublishedJobFactory()
    with pytest.raises(NotYourOrder):
        services.order_prepare(
            buyer=job.owner, product_code="premium_7", provider="toss", job_id=other.pk
        )
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("code", "provider", "job"),
    [
        ("nope", "toss", True),
        ("premium_7", "toss", False),
        ("topup_10000", "wallet", False),
        ("premium_7", "cash", True),
    ],
)
def test_prepare_refuses_bad_requests(code, provider, job):
    owned = PublishedJobFactory()
    with pytest.raises(PaymentRejected):
        services.order_prepare(
            buyer=owned.owner,
            product_code=code,
            provider=provider,
            job_id=owned.pk if job else None,
        )


def test_prepare_refuses_closed_jobs():
    job = ClosedJobFactory()
    with pytest.raises(PaymentRejected):
        services.order_prepare(
            buyer=job.owner, product_code="premium_7", provider="toss", job_id=job.pk
        )


def test_toss_payment_becomes_paid_and_activates_option__POL_P_003__POL_P_006():
    order = PendingTossOrderFactory()
    before = timezone.now()
    order = pay_toss(order)
    assert order.status == OrderStatus.PAID
    option = order.job_option
    assert option.job == order.job
    assert option.kind == "premium"
    assert option.is_active()
    assert before <= option.starts_at <= timezone.now()
    assert option.ends_at - option.starts_at == timedelta(days=7)
    # A card-paid option never passes through the wallet.
    assert not LedgerEntry.objects.exists()


def test_tampered_redirect_amount_is_not_paid__POL_P_003():
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order)
    with pytest.raises(PaymentRejected):
        services.order_confirm(
            user=order.buyer,
            order_id=order.order_id,
            payment_key=redirect["paymentKey"],
            amount=100,
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED
    assert order.failure_code == "AMOUNT_MISMATCH"
    assert not JobOption.objects.exists()


def test_amount_tampered_before_the_gateway_is_not_paid__POL_P_003():
    """The buyer changed the amount the SDK sent to Toss, and the redirect agrees with it."""
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order, amount=100)
    with pytest.raises(PaymentRejected):
        services.order_confirm(
            user=order.buyer,
            order_id=order.order_id,
            payment_key=redirect["paymentKey"],
            amount=100,
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED
    assert not JobOption.objects.exists()


def test_gateway_amount_differs_from_ours_fails_the_order__POL_P_003(mock_gateway):
    order = PendingTossOrderFactory()

    def handler(request):
        return httpx.Response(
            200,
            json={
                "paymentKey": "pk",
                "orderId": order.order_id,
                "status": "DONE",
                "totalAmount": 10,
                "balanceAmount": 10,
            },
        )

    mock_gateway(handler)
    with pytest.raises(PaymentRejected):
        services.order_confirm(
            user=order.buyer, order_id=order.order_id, payment_key="pk", amount=order.amount
        )
    order.refresh_from_db()
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "AMOUNT_MISMATCH")


def test_confirming_twice_is_a_no_op():
    order = pay_toss(PendingTossOrderFactory())
    again = services.order_confirm(
        user=order.buyer,
        order_id=order.order_id,
        payment_key=order.payment_key,
        amount=order.amount,
    )
    assert again.status == OrderStatus.PAID
    assert JobOption.objects.count() == 1


def test_rejected_card_fails_the_order():
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order, action="reject")
    with pytest.raises(PaymentRejected):
        services.order_confirm(
            user=order.buyer,
            order_id=order.order_id,
            payment_key=redirect["paymentKey"],
            amount=order.amount,
        )
    order.refresh_from_db()
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "REJECT_CARD_PAYMENT")


def test_expired_session_expires_the_order(mock_gateway):
    order = PendingTossOrderFactory()
    mock_gateway(
        lambda r: httpx.Response(
            404, json={"code": "NOT_FOUND_PAYMENT_SESSION", "message": "expired"}
        )
    )
    with pytest.raises(PaymentRejected):
        services.order_confirm(
            user=order.buyer, order_id=order.order_id, payment_key="pk", amount=order.amount
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED


def test_gateway_down_leaves_the_order_pending(mock_gateway):
    order = PendingTossOrderFactory()
    mock_gateway(
        lambda r: httpx.Response(
            500, json={"code": "FAILED_INTERNAL_SYSTEM_PROCESSING", "message": "x"}
        )
    )
    with pytest.raises(GatewayUnavailable):
        services.order_confirm(
            user=order.buyer, order_id=order.order_id, payment_key="pk", amount=order.amount
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_confirm_of_someone_elses_order_is_refused():
    order = PendingTossOrderFactory()
    stranger = PendingTossOrderFactory().buyer
    with pytest.raises(NotYourOrder):
        services.order_confirm(
            user=stranger, order_id=order.order_id, payment_key="x", amount=order.amount
        )
    with pytest.raises(OrderNotFound):
        services.order_confirm(user=stranger, order_id="nosuchorder", payment_key="x", amount=1)


def test_late_failure_never_undoes_a_payment():
    order = pay_toss(PendingTossOrderFactory())
    services.order_fail(
        user=order.buyer, order_id=order.order_id, code="PAY_PROCESS_CANCELED", message="late"
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_fail_url_fails_a_pending_order():
    order = PendingTossOrderFactory()
    services.order_fail(
        user=order.buyer, order_id=order.order_id, code="PAY_PROCESS_CANCELED", message="cancelled"
    )
    order.refresh_from_db()
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "PAY_PROCESS_CANCELED")


def test_iamport_payment_is_looked_up_and_paid__POL_P_003():
    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order)
    order = services.order_confirm(
        user=order.buyer, order_id=order.order_id, payment_key=redirect["imp_uid"]
    )
    assert order.status == OrderStatus.PAID
    assert order.job_option.is_active()


def test_iamport_amount_mismatch_fails__POL_P_003():
    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order, amount=1000)
    with pytest.raises(PaymentRejected):
        services.order_confirm(
            user=order.buyer, order_id=order.order_id, payment_key=redirect["imp_uid"]
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED


def test_topup_credits_the_wallet__POL_P_005():
    order = PendingTopupOrderFactory()
    order = pay_toss(order)
    wallet = Wallet.objects.get(owner=order.buyer)
    assert wallet.balance == 50_000
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.amount, entry.balance_after, entry.order) == (
        LedgerKind.TOPUP,
        50_000,
        50_000,
        order,
    )


def test_pay_with_wallet_debits_and_activates__POL_P_005__POL_P_006():
    job = PublishedJobFactory()
    fund(job.owner, 100_000)
    order = services.order_buy_with_wallet(buyer=job.owner, product_code="banner_7", job_id=job.pk)
    assert order.status == OrderStatus.PAID
    assert order.job_option.kind == "banner"
    assert order.job_option.is_active()
    wallet = Wallet.objects.get(owner=job.owner)
    assert wallet.balance == 50_000
    assert LedgerEntry.objects.filter(
        order=order, kind=LedgerKind.PURCHASE, amount=-50_000
    ).exists()


def test_insufficient_balance_changes_nothing__POL_P_005():
    job = PublishedJobFactory()
    fund(job.owner, 10_000)
    with pytest.raises(InsufficientBalance):
        services.order_buy_with_wallet(buyer=job.owner, product_code="premium_7", job_id=job.pk)
    assert Wallet.objects.get(owner=job.owner).balance == 10_000
    assert not Order.objects.filter(provider="wallet").exists()
    assert not JobOption.objects.exists()


def test_refund_of_wallet_order_reverses_ledger_and_ends_option__POL_P_006():
    job = PublishedJobFactory()
    fund(job.owner, 100_000)
    order = services.order_buy_with_wallet(
        buyer=job.owner, product_code="premium_30", job_id=job.pk
    )
    order = services.order_refund(
        actor=job.owner, order_id=order.order_id, reason="changed my mind"
    )
    assert order.status == OrderStatus.REFUNDED
    order.job_option.refresh_from_db()
    assert not order.job_option.is_active()
    assert order.job_option.ends_at <= timezone.now()
    assert Wallet.objects.get(owner=job.owner).balance == 100_000
    kinds = list(
        LedgerEntry.objects.filter(order=order).order_by("id").values_list("kind", "amount")
    )
    assert kinds == [("purchase", -100_000), ("refund", 100_000)]
    # A second refund is a no-op.
    services.order_refund(actor=job.owner, order_id=order.order_id)
    assert LedgerEntry.objects.filter(order=order).count() == 2


def test_refund_of_card_order_cancels_at_gateway_and_ends_option__POL_P_006():
    order = pay_toss(PendingTossOrderFactory())
    order = services.order_refund(actor=order.buyer, order_id=order.order_id)
    assert order.status == OrderStatus.REFUNDED
    assert not JobOption.objects.get().is_active()
    from payments.gateways.toss import TossClient

    assert TossClient().get(order.payment_key).status == "cancelled"


def test_refund_of_iamport_order_uses_checksum():
    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order)
    services.order_confirm(
        user=order.buyer, order_id=order.order_id, payment_key=redirect["imp_uid"]
    )
    order = services.order_refund(actor=order.buyer, order_id=order.order_id)
    assert order.status == OrderStatus.REFUNDED
    from payments.gateways.iamport import IamportClient

    assert IamportClient().get(redirect["imp_uid"]).status == "cancelled"


def test_refund_of_spent_topup_is_refused():
    job = PublishedJobFactory()
    topup = fund(job.owner, 50_000)
    services.order_buy_with_wallet(buyer=job.owner, product_code="premium_7", job_id=job.pk)
    with pytest.raises(InsufficientBalance):
        services.order_refund(actor=job.owner, order_id=topup.order_id)
    topup.refresh_from_db()
    assert topup.status == OrderStatus.PAID


def test_refund_of_pending_order_is_refused():
    order = PendingTossOrderFactory()
    with pytest.raises(PaymentRejected):
        services.order_refund(actor=order.buyer, order_id=order.order_id)


def test_refund_rejected_by_gateway_changes_nothing(mock_gateway):
    order = pay_toss(PendingTossOrderFactory())
    mock_gateway(lambda r: httpx.Response(403, json={"code": "FORBIDDEN_REQUEST", "message": "no"}))
    with pytest.raises(PaymentRejected):
        services.order_refund(actor=order.buyer, order_id=order.order_id)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert JobOption.objects.get().is_active()


def test_expired_option_stops_ranking_without_anyone_acting__POL_P_006():
    order = pay_toss(PendingTossOrderFactory())
    option = order.job_option
    later = option.ends_at + timedelta(seconds=1)
    assert option.is_active()
    assert not option.is_active(now=later)
    active_later = JobOption.objects.filter(starts_at__lte=later, ends_at__gt=later)
    assert not active_later.exists()


def test_expire_stale_pending_orders():
    stale = PendingTossOrderFactory(created_at=timezone.now() - timedelta(hours=2))
    fresh = PendingTossOrderFactory()
    assert services.order_expire_stale(older_than=timezone.now() - timedelta(hours=1)) == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == (OrderStatus.EXPIRED, OrderStatus.PENDING)


def test_ledger_is_append_only__POL_P_005():
    order = PendingTopupOrderFactory()
    pay_toss(order)
    entry = LedgerEntry.objects.get()
    entry.amount = 1
    with pytest.raises(LedgerImmutable):
        entry.save()
    with pytest.raises(LedgerImmutable):
        entry.delete()
    with pytest.raises(LedgerImmutable):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(LedgerImmutable):
        LedgerEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.amount == 50_000


def test_same_order_never_produces_the_same_entry_twice__POL_P_005():
    order = pay_toss(PendingTopupOrderFactory())
    wallet = Wallet.objects.get(owner=order.buyer)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            wallet=wallet, amount=1, balance_after=50_001, kind=LedgerKind.TOPUP, order=order
        )


def test_balance_never_negative_in_the_database__POL_P_005():
    wallet = services.wallet_get_or_create(owner=PendingTossOrderFactory().buyer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Wallet.objects.filter(pk=wallet.pk).update(balance=-1)


def test_database_refuses_ledger_changes_even_bypassing_the_orm_guard__POL_P_005():
    from django.db import connection, models

    if connection.vendor != "postgresql":
        pytest.skip(
            "the append-only trigger exists on PostgreSQL only; SQLite relies on the model guards"
        )
    pay_toss(PendingTopupOrderFactory())
    entry = LedgerEntry.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.update(LedgerEntry.objects.filter(pk=entry.pk), amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.delete(LedgerEntry.objects.filter(pk=entry.pk))
    assert LedgerEntry.objects.get().amount == 50_000
