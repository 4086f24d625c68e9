"""payments.policies (ADR 0036): buyers act on their own orders, holders of
payments.manage_any_order on everyone's; `order_scope` lists what `can_view_order` allows."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from accounts.tests.factories import AdminFactory, JobseekerFactory, RecruiterFactory
from payments.models import Order
from payments.policies import (
    can_buy_option,
    can_pay_order,
    can_refund_order,
    can_view_order,
    order_scope,
)
from payments.tests.factories import PendingTossOrderFactory

pytestmark = pytest.mark.django_db


def _assert_scope_matches_predicate(users, orders):
    for name, user in users.items():
        fresh = type(user).objects.get(pk=user.pk) if user.is_authenticated else user
        listed = set(Order.objects.filter(order_scope(fresh)))
        assert listed == {o for o in orders if can_view_order(fresh, o)}, name


def test_scope_and_predicate_agree_before_and_after_a_group_change__RBAC():
    buyer, stranger = RecruiterFactory(), RecruiterFactory()
    orders = [PendingTossOrderFactory(buyer=buyer), PendingTossOrderFactory(buyer=stranger)]
    users = {
        "guest": AnonymousUser(),
        "jobseeker": JobseekerFactory(),
        "buyer": buyer,
        "admin": AdminFactory(),
    }
    _assert_scope_matches_predicate(users, orders)
    assert can_view_order(users["admin"], orders[1])
    Group.objects.get(name="admin").permissions.remove(
        Permission.objects.get(codename="manage_any_order")
    )
    _assert_scope_matches_predicate(users, orders)
    admin = type(users["admin"]).objects.get(pk=users["admin"].pk)
    assert not can_view_order(admin, orders[1])


def test_only_the_buyer_pays_and_admins_refund_any__POL_P_002():
    order = PendingTossOrderFactory(buyer=RecruiterFactory())
    admin, stranger = AdminFactory(), RecruiterFactory()
    assert can_pay_order(order.buyer, order)
    assert not can_pay_order(stranger, order)
    assert not can_pay_order(admin, order)
    assert can_refund_order(order.buyer, order)
    assert can_refund_order(admin, order)
    assert not can_refund_order(stranger, order)
    assert not can_buy_option(stranger, order.job)
    assert can_buy_option(order.job.owner, order.job)
