"""Admin: ledger and webhook events strictly read-only (superusers too, POL-P-005); the refund
action calls the same service as the API."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from accounts.tests.factories import AdminFactory
from payments.models import LedgerEntry, Order, OrderStatus, WebhookEvent
from payments.tests.factories import PendingTossOrderFactory
from payments.tests.test_services import fund, pay_toss

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [LedgerEntry, WebhookEvent])
def test_ledger_and_events_read_only_even_for_superusers__POL_P_005(model):
    admin = AdminFactory(is_superuser=True)
    request = RequestFactory().get("/admin/")
    request.user = admin
    model_admin = site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.get_actions(request) == {}


def test_admin_pages_render(browser_client_for):
    admin = AdminFactory()
    order = pay_toss(PendingTossOrderFactory())
    fund(order.buyer, 10_000)
    browser = browser_client_for(admin)
    assert browser.get("/admin/payments/order/").status_code == 200
    assert browser.get(f"/admin/payments/order/{order.pk}/change/").status_code == 200
    assert browser.get("/admin/payments/ledgerentry/").status_code == 200
    assert browser.get("/admin/payments/product/").status_code == 200
    entry = LedgerEntry.objects.first()
    assert (
        browser.post(f"/admin/payments/ledgerentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_admin_refund_action_uses_the_service__POL_P_006(browser_client_for):
    admin = AdminFactory()
    order = pay_toss(PendingTossOrderFactory())
    response = browser_client_for(admin).post(
        "/admin/payments/order/", {"action": "refund_orders", "_selected_action": [order.pk]}
    )
    assert response.status_code == 302
    order = Order.objects.get(pk=order.pk)
    assert order.status == OrderStatus.REFUNDED
    assert not order.job_option.is_active()
