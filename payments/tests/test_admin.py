"""Admin: the ledger and webhook events strictly read-only (superusers too, POL-P-005); the
refund asks for confirmation, an amount and a reason and calls the same service as the
pages; wallet corrections are new entries."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from accounts.tests.factories import AdminFactory
from payments import selectors
from payments.ledger import wallet_account
from payments.models import Account, JournalEntry, Order, OrderStatus, WebhookEvent
from payments.tests.conftest import fund, pay
from payments.tests.factories import PendingTossOrderFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [JournalEntry, Account, WebhookEvent])
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
    order = pay(PendingTossOrderFactory())
    fund(order.buyer, 10_000)
    browser = browser_client_for(admin)
    for url in (
        "/admin/payments/order/",
        f"/admin/payments/order/{order.pk}/change/",
        "/admin/payments/journalentry/",
        "/admin/payments/account/",
        "/admin/payments/product/",
    ):
        assert browser.get(url).status_code == 200, url
    entry = JournalEntry.objects.first()
    deleted = browser.post(f"/admin/payments/journalentry/{entry.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    assert JournalEntry.objects.filter(pk=entry.pk).exists()


def test_admin_refund_confirms_amount_and_reason__POL_P_007(browser_client_for):
    admin = AdminFactory()
    order = pay(PendingTossOrderFactory())
    browser = browser_client_for(admin)
    url = f"/admin/payments/order/{order.pk}/refund/"
    page = browser.get(url)
    assert page.status_code == 200
    assert 'value="30000"' in page.content.decode()  # the policy's amount, pre-filled
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID  # nothing until confirmed
    assert browser.post(url, {"amount": "10000"}).status_code == 200  # a reason is required
    done = browser.post(url, {"amount": "10000", "reason": "late start"}, follow=True)
    assert "10,000" in done.content.decode()
    assert order.order_id in done.content.decode()
    order = Order.objects.get(pk=order.pk)
    assert (order.status, order.refunded_amount) == (OrderStatus.PAID, 10_000)
    assert order.job_option.is_active()
    entry = JournalEntry.objects.get(order=order, kind="refund")
    assert (entry.memo, entry.actor) == ("late start", admin)
    too_much = browser.post(url, {"amount": "30000", "reason": "x"})
    assert "20,000" in too_much.content.decode()


def test_recruiter_cannot_use_the_admin_refund(browser_client_for):
    order = pay(PendingTossOrderFactory())
    response = browser_client_for(order.buyer).get(f"/admin/payments/order/{order.pk}/refund/")
    assert response.status_code in (302, 403)


def test_admin_corrects_a_wallet_with_a_new_entry__POL_P_005(browser_client_for):
    admin = AdminFactory()
    order = pay(PendingTossOrderFactory())
    account = wallet_account(order.buyer)
    browser = browser_client_for(admin)
    url = f"/admin/payments/account/{account.pk}/correct/"
    assert browser.get(url).status_code == 200
    assert browser.post(url, {"amount": "-1", "reason": "x"}).status_code == 200  # refused
    assert browser.post(url, {"amount": "7000", "reason": "goodwill"}).status_code == 302
    assert selectors.wallet_balance(owner=order.buyer) == 7_000
