"""Pure rules on one object (no database unless marked)."""

from datetime import UTC

import pytest

from payments.exceptions import InvalidTransition, LedgerImmutable
from payments.models import (
    ORDER_TRANSITIONS,
    JournalEntry,
    Order,
    OrderStatus,
    Posting,
    Product,
    ProductKind,
)
from payments.services import new_order_id


@pytest.mark.parametrize(
    ("start", "end", "allowed"),
    [
        ("pending", "paid", True),
        ("pending", "confirming", True),
        ("confirming", "paid", True),
        ("confirming", "pending", True),
        ("confirming", "refunded", False),
        ("pending", "failed", True),
        ("pending", "expired", True),
        ("paid", "refunded", True),
        ("paid", "cancelled", True),
        ("paid", "failed", False),  # a late failure never undoes a payment
        ("paid", "pending", False),
        ("failed", "paid", False),
        ("refunded", "paid", False),
        ("pending", "refunded", False),
    ],
)
def test_order_transition_table__POL_P_002(start, end, allowed):
    order = Order(status=start)
    assert order.can_move_to(end) is allowed
    if allowed:
        order.move_to(end)
        assert order.status == end
    else:
        with pytest.raises(InvalidTransition):
            order.move_to(end)
        assert order.status == start


def test_every_status_has_a_row_in_the_transition_table__POL_P_002():
    assert set(ORDER_TRANSITIONS) == set(OrderStatus.values)


def test_moving_to_paid_stamps_paid_at():
    order = Order(status=OrderStatus.PENDING)
    order.move_to(OrderStatus.PAID)
    assert order.paid_at is not None
    assert not order.is_final
    order.move_to(OrderStatus.REFUNDED)
    assert order.cancelled_at is not None
    assert order.is_final


def test_order_ids_fit_toss_and_iamport():
    import re

    for _ in range(200):
        order_id = new_order_id()
        assert re.fullmatch(r"[A-Za-z0-9_-]{6,64}", order_id)
        assert len(order_id) <= 40


def test_product_option_kind():
    assert Product(kind=ProductKind.PREMIUM).option_kind == "premium"
    assert Product(kind=ProductKind.BANNER).is_option
    assert Product(kind=ProductKind.TOPUP).option_kind is None


@pytest.mark.parametrize("model", [JournalEntry, Posting])
def test_unsaved_ledger_rows_refuse_delete__POL_P_005(model):
    with pytest.raises(LedgerImmutable):
        model().delete()


def _option_order(days_used: float, duration=30, price=100_000, refunded=0):
    from datetime import datetime, timedelta

    from jobs.models import JobOption

    start = datetime(2026, 1, 1, tzinfo=UTC)
    order = Order(
        status=OrderStatus.PAID,
        amount=price,
        refunded_amount=refunded,
        product=Product(kind=ProductKind.PREMIUM, duration_days=duration, price=price),
        job_option=JobOption(starts_at=start, ends_at=start + timedelta(days=duration)),
    )
    return order, start + timedelta(days=days_used)


@pytest.mark.parametrize(
    ("days_used", "refunded", "expected"),
    [
        (-1, 0, 100_000),  # not started yet: in full
        (0.9, 0, 100_000),  # within 24 hours: in full
        (0.9, 10_000, 90_000),  # in full = what is left
        (1.5, 0, 100_000 * 28 // 30),  # 28 whole unused days
        (10.01, 0, 100_000 * 19 // 30),
        (29.5, 0, 0),  # no whole day left
        (31, 0, 0),  # over
        (10.01, 60_000, 3_333),  # pro rata minus what was already given back
        (10.01, 70_000, 0),
    ],
)
def test_option_refund_policy__POL_P_007(days_used, refunded, expected):
    order, now = _option_order(days_used, refunded=refunded)
    assert order.policy_refund(now, wallet_balance=0) == expected


def test_topup_refunds_only_what_is_unspent__POL_P_007():
    order = Order(
        status=OrderStatus.PAID,
        amount=50_000,
        refunded_amount=10_000,
        product=Product(kind="topup"),
    )
    assert order.policy_refund(None, wallet_balance=70_000) == 40_000
    assert order.policy_refund(None, wallet_balance=25_000) == 25_000
    assert order.policy_refund(None, wallet_balance=0) == 0
    order.status = OrderStatus.REFUNDED
    assert order.policy_refund(None, wallet_balance=70_000) == 0
