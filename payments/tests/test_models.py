"""Pure rules on one object (no database unless marked)."""

import pytest

from payments.exceptions import InvalidTransition, LedgerImmutable
from payments.models import ORDER_TRANSITIONS, LedgerEntry, Order, OrderStatus, Product, ProductKind
from payments.services import new_order_id


@pytest.mark.parametrize(
    ("start", "end", "allowed"),
    [
        ("pending", "paid", True),
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


def test_unsaved_ledger_entry_refuses_delete__POL_P_005():
    with pytest.raises(LedgerImmutable):
        LedgerEntry().delete()
