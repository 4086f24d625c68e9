"""Rules on a real database, with the gateways played by the sandbox over the httpx seam."""

from datetime import timedelta

import httpx
import pytest
from django.utils import timezone

from jobs.models import Job, JobOption
from jobs.selectors import job_list_public
from jobs.tests.factories import ClosedJobFactory, PublishedJobFactory
from payments import selectors, services
from payments.exceptions import (
    GatewayUnavailable,
    InsufficientBalance,
    NotYourOrder,
    OrderNotFound,
    PaymentRejected,
)
from payments.gateways import get_gateway
from payments.models import JournalEntry, Order, OrderStatus, Posting
from payments.tests.conftest import (
    console_cancel,
    fund,
    pay,
    sandbox_iamport_pay,
    sandbox_toss_pay,
)
from payments.tests.factories import (
    PendingIamportOrderFactory,
    PendingTopupOrderFactory,
    PendingTossOrderFactory,
    product,
)

pytestmark = pytest.mark.django_db


def books(order) -> list[tuple[str, str, int]]:
    """The order's journal, as (effect, account, amount) in the order written."""
    return list(
        Posting.objects.filter(entry__order=order)
        .order_by("entry_id", "id")
        .values_list("entry__effect", "account__code", "amount")
    )


def balance(user) -> int:
    return selectors.wallet_balance(owner=user)


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


@pytest.mark.parametrize("factory", [PendingTossOrderFactory, PendingIamportOrderFactory])
def test_card_payment_activates_option_and_is_one_balanced_entry__POL_P_003__POL_P_005(factory):
    order = factory()
    before = timezone.now()
    order = pay(order)
    assert order.status == OrderStatus.PAID
    option = order.job_option
    assert (option.job, option.kind) == (order.job, "premium")
    assert option.is_active()
    assert before <= option.starts_at <= timezone.now()
    assert option.ends_at - option.starts_at == timedelta(days=7)
    # The job ranks as premium until then (POL-J-005): its flag moved with the option.
    assert Job.objects.get(pk=option.job_id).premium_until == option.ends_at
    assert [job.pk for job in job_list_public()[:5] if job.is_premium] == [option.job_id]
    assert order.receipt_url.startswith("http://testserver/payments/sandbox/receipt/")
    # The card payment is in the ledger: money in through the gateway, revenue for the product.
    assert books(order) == [
        ("paid", f"clearing:{order.provider}", -30_000),
        ("paid", "revenue:premium_7", 30_000),
    ]


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
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "AMOUNT_MISMATCH")
    assert not JobOption.objects.exists()
    assert not JournalEntry.objects.exists()


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
    payment = {
        "paymentKey": "pk",
        "orderId": order.order_id,
        "status": "DONE",
        "totalAmount": 10,
        "balanceAmount": 10,
    }
    mock_gateway(lambda request: httpx.Response(200, json=payment))
    with pytest.raises(PaymentRejected):
        services.order_confirm(
            user=order.buyer, order_id=order.order_id, payment_key="pk", amount=order.amount
        )
    order.refresh_from_db()
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "AMOUNT_MISMATCH")


def test_no_row_lock_is_held_while_the_gateway_answers(mock_gateway):
    """ADR 0043: the order is `confirming` (committed) during the call, so a webhook or the
    buyer's second tab is not blocked behind the gateway's latency."""
    order = PendingTossOrderFactory()
    seen = []

    def handler(request):
        seen.append(Order.objects.get(pk=order.pk).status)
        return httpx.Response(
            200,
            json={
                "paymentKey": "pk",
                "orderId": order.order_id,
                "status": "DONE",
                "totalAmount": order.amount,
            },
        )

    mock_gateway(handler)
    services.order_confirm(
        user=order.buyer, order_id=order.order_id, payment_key="pk", amount=order.amount
    )
    assert seen == [OrderStatus.CONFIRMING]
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_confirming_twice_is_a_no_op():
    order = pay(PendingTossOrderFactory())
    again = services.order_confirm(
        user=order.buyer,
        order_id=order.order_id,
        payment_key=order.payment_key,
        amount=order.amount,
    )
    assert again.status == OrderStatus.PAID
    assert JobOption.objects.count() == 1
    assert JournalEntry.objects.count() == 1


def test_rejected_card_fails_the_order():
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order, action="reject")
    with pytest.raises(PaymentRejected):
        services.order_return(user=order.buyer, provider="toss", params=redirect)
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


def test_gateway_down_leaves_the_order_pending_to_retry(mock_gateway):
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
    assert order.confirm_idempotency_key == f"{order.order_id}-confirm"


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
    order = pay(PendingTossOrderFactory())
    services.order_fail(
        user=order.buyer, order_id=order.order_id, code="PAY_PROCESS_CANCELED", message="late"
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_failure_redirect_fails_a_pending_order():
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order, action="cancel")
    services.order_return(user=order.buyer, provider="toss", params=redirect)
    order.refresh_from_db()
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "PAY_PROCESS_CANCELED")


def test_buyer_abandons_a_pending_order_and_only_the_buyer_can():
    order = PendingTossOrderFactory()
    with pytest.raises(NotYourOrder):
        services.order_abandon(user=PendingTossOrderFactory().buyer, order_id=order.order_id)
    services.order_abandon(user=order.buyer, order_id=order.order_id)
    order.refresh_from_db()
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "CANCELLED_BY_BUYER")
    with pytest.raises(PaymentRejected):
        services.order_abandon(user=order.buyer, order_id=order.order_id)


def test_iamport_amount_mismatch_fails__POL_P_003():
    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order, amount=1000)
    with pytest.raises(PaymentRejected):
        services.order_return(user=order.buyer, provider="iamport", params=redirect)
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED


def test_topup_fills_the_wallet_from_the_gateway__POL_P_005():
    order = pay(PendingTopupOrderFactory())
    assert balance(order.buyer) == 50_000
    assert books(order) == [
        ("paid", "clearing:toss", -50_000),
        ("paid", f"wallet:{order.buyer.pk}", 50_000),
    ]


def test_pay_with_wallet_debits_and_activates__POL_P_005__POL_P_006():
    job = PublishedJobFactory()
    fund(job.owner, 100_000)
    order = services.order_buy_with_wallet(buyer=job.owner, product_code="banner_7", job_id=job.pk)
    assert order.status == OrderStatus.PAID
    assert order.job_option.kind == "banner"
    assert order.job_option.is_active()
    assert balance(job.owner) == 50_000
    assert books(order) == [
        ("paid", f"wallet:{job.owner.pk}", -50_000),
        ("paid", "revenue:banner_7", 50_000),
    ]


def test_insufficient_balance_changes_nothing__POL_P_005():
    job = PublishedJobFactory()
    fund(job.owner, 10_000)
    with pytest.raises(InsufficientBalance):
        services.order_buy_with_wallet(buyer=job.owner, product_code="premium_7", job_id=job.pk)
    assert balance(job.owner) == 10_000
    assert not Order.objects.filter(provider="wallet").exists()
    assert not JobOption.objects.exists()


# --- refunds (POL-P-007) ---------------------------------------------------------------------


def test_cancel_within_24_hours_refunds_in_full_and_ends_option__POL_P_006__POL_P_007():
    job = PublishedJobFactory()
    fund(job.owner, 100_000)
    order = services.order_buy_with_wallet(
        buyer=job.owner, product_code="premium_30", job_id=job.pk
    )
    order = services.order_refund(actor=job.owner, order_id=order.order_id, reason="mistake")
    assert (order.status, order.refunded_amount) == (OrderStatus.REFUNDED, 100_000)
    order.job_option.refresh_from_db()
    assert not order.job_option.is_active()
    # The job stops ranking as premium with it (POL-J-005), in the refund's transaction.
    job.refresh_from_db()
    assert job.premium_until == order.job_option.ends_at <= timezone.now()
    assert not any(found.is_premium for found in job_list_public()[:5])
    assert balance(job.owner) == 100_000
    assert books(order)[-2:] == [
        ("refunded-to:100000", "refunds:premium_30", -100_000),
        ("refunded-to:100000", f"wallet:{job.owner.pk}", 100_000),
    ]
    # A second refund is a no-op.
    services.order_refund(actor=job.owner, order_id=order.order_id)
    assert JournalEntry.objects.filter(order=order).count() == 2


def test_cancel_after_24_hours_refunds_whole_unused_days__POL_P_007():
    order = pay(PendingTossOrderFactory(product=product("premium_30")))
    option = order.job_option
    # 10 days and an hour into a 30-day option: 19 whole days are unused.
    JobOption.objects.filter(pk=option.pk).update(
        starts_at=option.starts_at - timedelta(days=10, hours=1),
        ends_at=option.ends_at - timedelta(days=10, hours=1),
    )
    order.refresh_from_db()
    expected = 100_000 * 19 // 30
    assert services.order_refund_quote(order) == expected
    order = services.order_refund(actor=order.buyer, order_id=order.order_id)
    assert (order.status, order.refunded_amount) == (OrderStatus.REFUNDED, expected)
    assert not JobOption.objects.get().is_active()
    payment = get_gateway("toss").get(order.payment_key)
    assert (payment.status, payment.cancelled_amount) == ("partial_cancelled", expected)


def test_topup_refunds_only_its_unspent_part__POL_P_007():
    job = PublishedJobFactory()
    topup = fund(job.owner, 50_000)
    services.order_buy_with_wallet(buyer=job.owner, product_code="premium_7", job_id=job.pk)
    assert services.order_refund_quote(topup) == 20_000
    topup = services.order_refund(actor=job.owner, order_id=topup.order_id)
    assert (topup.status, topup.refunded_amount) == (OrderStatus.REFUNDED, 20_000)
    assert balance(job.owner) == 0
    assert get_gateway("toss").get(topup.payment_key).cancelled_amount == 20_000


def test_staff_partial_refund_keeps_the_option_running__POL_P_007():
    from accounts.tests.factories import AdminFactory

    order = pay(PendingIamportOrderFactory())
    staff = AdminFactory()
    order = services.order_refund(actor=staff, order_id=order.order_id, amount=10_000, reason="x")
    assert (order.status, order.refunded_amount) == (OrderStatus.PAID, 10_000)
    assert order.job_option.is_active()
    assert get_gateway("iamport").get(order.payment_key).cancelled_amount == 10_000
    # The rest, later: now everything is back and the option ends.
    order = services.order_refund(actor=staff, order_id=order.order_id, amount=20_000, reason="y")
    assert (order.status, order.refunded_amount) == (OrderStatus.REFUNDED, 30_000)
    assert not JobOption.objects.get().is_active()


def test_buyer_cannot_choose_a_refund_amount__POL_P_007():
    order = pay(PendingTossOrderFactory())
    with pytest.raises(PaymentRejected):
        services.order_refund(actor=order.buyer, order_id=order.order_id, amount=1_000)
    with pytest.raises(NotYourOrder):
        services.order_refund(actor=PendingTossOrderFactory().buyer, order_id=order.order_id)
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.PAID, 0)


def test_refund_of_pending_order_is_refused():
    order = PendingTossOrderFactory()
    with pytest.raises(PaymentRejected):
        services.order_refund(actor=order.buyer, order_id=order.order_id)


def test_refund_rejected_by_gateway_changes_nothing(mock_gateway):
    order = pay(PendingTossOrderFactory())
    mock_gateway(lambda r: httpx.Response(403, json={"code": "FORBIDDEN_REQUEST", "message": "no"}))
    with pytest.raises(PaymentRejected):
        services.order_refund(actor=order.buyer, order_id=order.order_id)
    order.refresh_from_db()
    assert (order.status, order.cancel_requested_at) == (OrderStatus.PAID, None)
    assert JobOption.objects.get().is_active()
    assert JournalEntry.objects.filter(order=order).count() == 1


def test_refund_in_flight_refuses_a_second_one(mock_gateway):
    """ADR 0043: the refund's key is recorded before the gateway is asked, so a second
    refund started meanwhile cannot ask for the same money again."""
    order = pay(PendingTossOrderFactory())
    attempts = []

    def handler(request):
        attempts.append(request)
        with pytest.raises(PaymentRejected):
            services.order_refund(actor=order.buyer, order_id=order.order_id)
        return httpx.Response(500, json={"code": "FAILED_INTERNAL_SYSTEM_PROCESSING"})

    mock_gateway(handler)
    with pytest.raises(GatewayUnavailable):
        services.order_refund(actor=order.buyer, order_id=order.order_id)
    order.refresh_from_db()
    assert order.cancel_requested_at is None  # released: the buyer may try again
    assert order.status == OrderStatus.PAID


def test_expired_option_stops_ranking_without_anyone_acting__POL_P_006():
    order = pay(PendingTossOrderFactory())
    option = order.job_option
    later = option.ends_at + timedelta(seconds=1)
    assert option.is_active()
    assert not option.is_active(now=later)


def test_expire_stale_orders_and_settle_stuck_confirmations():
    stale = PendingTossOrderFactory(created_at=timezone.now() - timedelta(hours=2))
    fresh = PendingTossOrderFactory()
    # A worker died after asking the gateway: the order stayed `confirming`.
    stuck = PendingTossOrderFactory(created_at=timezone.now() - timedelta(hours=2))
    redirect = sandbox_toss_pay(stuck)
    get_gateway("toss").confirm(
        payment_id=redirect["paymentKey"],
        order_id=stuck.order_id,
        amount=stuck.amount,
        idempotency_key="k",
    )
    Order.objects.filter(pk=stuck.pk).update(
        status=OrderStatus.CONFIRMING, payment_key=redirect["paymentKey"]
    )
    assert services.order_expire_stale(older_than=timezone.now() - timedelta(hours=1)) == 1
    for order in (stale, fresh, stuck):
        order.refresh_from_db()
    assert (stale.status, fresh.status, stuck.status) == (
        OrderStatus.EXPIRED,
        OrderStatus.PENDING,
        OrderStatus.PAID,
    )


def test_staff_correction_is_a_balanced_entry__POL_P_005():
    from accounts.tests.factories import AdminFactory

    job = PublishedJobFactory()
    staff = AdminFactory()
    services.wallet_correct(actor=staff, owner=job.owner, amount=5_000, reason="goodwill")
    assert balance(job.owner) == 5_000
    with pytest.raises(InsufficientBalance):
        services.wallet_correct(actor=staff, owner=job.owner, amount=-6_000, reason="too much")
    with pytest.raises(NotYourOrder):
        services.wallet_correct(actor=job.owner, owner=job.owner, amount=1, reason="me")
    assert balance(job.owner) == 5_000


def test_console_cancel_is_seen_only_through_the_gateway():
    """A cancel at the gateway changes nothing here until the gateway is asked (webhook)."""
    order = pay(PendingTossOrderFactory())
    console_cancel(order, 1_000)
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.PAID, 0)


# --- the database's own guards (PostgreSQL; SQLite relies on the model and service) -----------


def _postgres_only():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the ledger triggers exist on PostgreSQL only (the embedded default: model)")


def _commit_checks():
    """Deferred constraint triggers run at commit; tests run inside a transaction, so ask
    PostgreSQL to run them now."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_database_refuses_ledger_changes_even_bypassing_the_orm_guard__POL_P_005():
    from django.db import IntegrityError, models, transaction

    from payments.exceptions import LedgerImmutable

    _postgres_only()
    pay(PendingTopupOrderFactory())
    posting = Posting.objects.first()
    with pytest.raises(LedgerImmutable):
        Posting.objects.filter(pk=posting.pk).update(amount=1)
    with pytest.raises(LedgerImmutable):
        posting.delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.update(Posting.objects.filter(pk=posting.pk), amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        models.QuerySet.delete(JournalEntry.objects.all())
    assert Posting.objects.get(pk=posting.pk).amount == posting.amount


def test_database_refuses_an_unbalanced_entry__POL_P_005():
    from django.db import IntegrityError, transaction

    from payments import ledger
    from payments.models import EntryKind

    _postgres_only()
    order = pay(PendingTossOrderFactory())
    revenue = ledger.revenue_account("premium_7")
    wallet = ledger.wallet_account(order.buyer)
    with transaction.atomic():
        entry = JournalEntry.objects.create(kind=EntryKind.CORRECTION, effect="bad")
        Posting.objects.bulk_create([Posting(entry=entry, account=revenue, amount=5)])
        with pytest.raises(IntegrityError), transaction.atomic():
            _commit_checks()
        transaction.set_rollback(True)
    with transaction.atomic():
        entry = JournalEntry.objects.create(kind=EntryKind.CORRECTION, effect="overdraw")
        overdraw = [(wallet, -1), (ledger.adjustments_account(), 1)]
        Posting.objects.bulk_create(
            [Posting(entry=entry, account=a, amount=n) for a, n in overdraw]
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            _commit_checks()
        transaction.set_rollback(True)
    assert balance(order.buyer) == 0


def test_same_order_never_produces_the_same_effect_twice__POL_P_005():
    from django.db import IntegrityError, transaction

    from payments import ledger

    order = pay(PendingTossOrderFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        ledger.post_payment(order)
    assert JournalEntry.objects.filter(order=order).count() == 1
