"""Checkout pages, the return from the payment window, orders (resume, cancel, refund,
receipt) and the wallet, as a signed-in browser."""

import pytest

from accounts.tests.factories import JobseekerFactory
from jobs.tests.factories import PublishedJobFactory
from payments.models import Order, OrderStatus
from payments.tests.conftest import _query, sandbox_iamport_pay, sandbox_toss_pay
from payments.tests.factories import PendingTossOrderFactory

pytestmark = pytest.mark.django_db


def test_checkout_shows_options_and_prices(browser_client_for):
    job = PublishedJobFactory()
    response = browser_client_for(job.owner).get(f"/payments/jobs/{job.pk}/checkout/")
    assert response.status_code == 200
    assert "30,000" in response.content.decode()


def test_checkout_of_someone_elses_job_is_403(browser_client_for):
    job = PublishedJobFactory()
    other = PublishedJobFactory()
    assert (
        browser_client_for(job.owner).get(f"/payments/jobs/{other.pk}/checkout/").status_code == 403
    )


def test_card_checkout_through_the_sandbox_to_success(browser_client_for):
    job = PublishedJobFactory()
    browser = browser_client_for(job.owner)
    response = browser.post(
        f"/payments/jobs/{job.pk}/checkout/", {"product": "premium_7", "provider": "toss"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("http://testserver/payments/sandbox/toss/checkout/?")
    window = browser.get(response["Location"])
    assert window.status_code == 200
    order = Order.objects.get()
    paid = browser.post(
        "/payments/sandbox/toss/checkout/",
        {**_query(response["Location"]), "action": "pay"},
    )
    success = browser.get(paid["Location"])
    assert success.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.order_id in browser.get("/payments/orders/").content.decode()
    detail = browser.get(f"/payments/orders/{order.order_id}/")
    assert detail.status_code == 200
    assert order.receipt_url in detail.content.decode()  # the gateway's receipt link
    confirm = browser.get(f"/payments/orders/{order.order_id}/refund/")
    assert "30,000" in confirm.content.decode()  # the policy's amount, before anything moves
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    refunded = browser.post(f"/payments/orders/{order.order_id}/refund/", {"reason": "x"})
    assert refunded.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.refunded_amount) == (OrderStatus.REFUNDED, 30_000)


def test_tampered_success_url_lands_on_failure(browser_client_for):
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order)
    response = browser_client_for(order.buyer).get(
        "/payments/return/toss/",
        {"paymentKey": redirect["paymentKey"], "orderId": order.order_id, "amount": 100},
    )
    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED


def test_cancel_in_the_window_lands_on_failure(browser_client_for):
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order, action="cancel")
    response = browser_client_for(order.buyer).get("/payments/return/toss/", redirect)
    assert response.status_code == 200
    order.refresh_from_db()
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "PAY_PROCESS_CANCELED")


def test_iamport_redirect_confirms(browser_client_for):
    from payments.tests.factories import PendingIamportOrderFactory

    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order)
    assert (
        browser_client_for(order.buyer).get("/payments/return/iamport/", redirect).status_code
        == 200
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_iamport_cancelled_window_fails(browser_client_for):
    from payments.tests.factories import PendingIamportOrderFactory

    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order, action="cancel")
    browser_client_for(order.buyer).get("/payments/return/iamport/", redirect)
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED


def test_wallet_page_topup_and_pay_from_wallet(browser_client_for):
    job = PublishedJobFactory()
    browser = browser_client_for(job.owner)
    assert browser.get("/payments/wallet/").status_code == 200
    response = browser.post(
        "/payments/wallet/topup/", {"product": "topup_50000", "provider": "toss"}
    )
    paid = browser.post(
        "/payments/sandbox/toss/checkout/", {**_query(response["Location"]), "action": "pay"}
    )
    browser.get(paid["Location"])
    assert "50,000" in browser.get("/payments/wallet/").content.decode()
    bought = browser.post(
        f"/payments/jobs/{job.pk}/checkout/", {"product": "premium_7", "provider": "wallet"}
    )
    assert bought.status_code == 302
    assert Order.objects.get(provider="wallet").status == OrderStatus.PAID
    short = browser.post(
        f"/payments/jobs/{job.pk}/checkout/", {"product": "banner_30", "provider": "wallet"}
    )
    assert short.status_code == 409


PROVIDER_ORIGINS = {
    "toss": ("https://js.tosspayments.com", "https://*.tosspayments.com"),
    "iamport": ("https://cdn.iamport.kr", "https://*.iamport.kr"),
    "portone": ("https://cdn.portone.io", "https://*.portone.io"),
}


@pytest.mark.parametrize("provider", sorted(PROVIDER_ORIGINS))
def test_pay_page_allows_exactly_its_providers_origins(browser_client_for, settings, provider):
    """CSP per provider, with production's policy: the page loads its provider's SDK, and
    its Content-Security-Policy allows that provider's origins and no other's."""
    from csp.constants import NONCE

    from payments.tests.test_settings import production_csp

    policy = production_csp()
    policy["DIRECTIVES"]["script-src"] = [
        NONCE if "Nonce" in source else source for source in policy["DIRECTIVES"]["script-src"]
    ]
    settings.CONTENT_SECURITY_POLICY = policy
    settings.PAYMENTS_SANDBOX = False
    order = PendingTossOrderFactory(provider=provider)
    response = browser_client_for(order.buyer).get(f"/payments/orders/{order.order_id}/pay/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    script, other = PROVIDER_ORIGINS[provider]
    assert script in response.content.decode()
    assert script in policy.split("script-src")[1].split(";")[0]
    assert other in policy.split("frame-src")[1].split(";")[0]
    for name, origins in PROVIDER_ORIGINS.items():
        if name != provider:
            assert not any(origin in policy for origin in origins), name
    # Every other page keeps the strict policy.
    orders = browser_client_for(order.buyer).get("/payments/orders/")
    assert "tosspayments" not in orders["Content-Security-Policy"]
    assert "iamport" not in orders["Content-Security-Policy"]
    assert "portone" not in orders["Content-Security-Policy"]


def test_buyer_resumes_or_cancels_a_pending_order(browser_client_for):
    order = PendingTossOrderFactory()
    browser = browser_client_for(order.buyer)
    detail = browser.get(f"/payments/orders/{order.order_id}/").content.decode()
    assert f"/payments/orders/{order.order_id}/pay/" in detail
    assert f"/payments/orders/{order.order_id}/abandon/" in detail
    resume = browser.get(f"/payments/orders/{order.order_id}/pay/")
    assert "/payments/sandbox/toss/checkout/" in resume.content.decode()
    assert browser.post(f"/payments/orders/{order.order_id}/abandon/").status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED
    stranger = browser_client_for(PendingTossOrderFactory().buyer)
    assert stranger.post(f"/payments/orders/{order.order_id}/abandon/").status_code == 404


def test_job_actions_partial_offers_promote(browser_client_for):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    job = PublishedJobFactory()
    request = RequestFactory().get("/")
    request.user = job.owner
    from django.contrib.auth.context_processors import PermWrapper

    html = render_to_string(
        "payments/_job_actions.html",
        {"job": job, "user": job.owner, "perms": PermWrapper(job.owner)},
        request=request,
    )
    assert f"/payments/jobs/{job.pk}/checkout/" in html


def test_jobseeker_gets_403(browser_client_for):
    assert browser_client_for(JobseekerFactory()).get("/payments/orders/").status_code == 403


def test_checkout_post_errors(browser_client_for):
    job = PublishedJobFactory()
    other = PublishedJobFactory()
    browser = browser_client_for(job.owner)
    assert (
        browser.post(
            f"/payments/jobs/{other.pk}/checkout/", {"product": "premium_7", "provider": "toss"}
        ).status_code
        == 403
    )
    assert (
        browser.post(
            f"/payments/jobs/{job.pk}/checkout/", {"product": "nope", "provider": "toss"}
        ).status_code
        == 400
    )
    assert not Order.objects.exists()


def test_pay_page_redirects_when_not_pending_and_hides_others(browser_client_for):
    order = PendingTossOrderFactory(status=OrderStatus.FAILED)
    browser = browser_client_for(order.buyer)
    assert browser.get(f"/payments/orders/{order.order_id}/pay/").status_code == 302
    stranger = browser_client_for(PendingTossOrderFactory().buyer)
    assert stranger.get(f"/payments/orders/{order.order_id}/pay/").status_code == 404
    assert stranger.get(f"/payments/orders/{order.order_id}/").status_code == 404
    assert stranger.post(f"/payments/orders/{order.order_id}/refund/").status_code == 404
    assert browser.post("/payments/orders/nosuchorder1/refund/").status_code == 404


def test_refund_needs_a_reason_and_a_paid_order(browser_client_for):
    order = PendingTossOrderFactory()
    browser = browser_client_for(order.buyer)
    pending = browser.post(f"/payments/orders/{order.order_id}/refund/", {"reason": "x"})
    assert pending.status_code == 409
    assert browser.get(f"/payments/orders/{order.order_id}/refund/").status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert browser.post(f"/payments/orders/{order.order_id}/refund/", {}).status_code == 400


def test_wallet_history_is_paginated_with_a_total(browser_client_for):
    from accounts.tests.factories import AdminFactory
    from payments.services import wallet_correct

    job = PublishedJobFactory()
    staff = AdminFactory()
    for n in range(25):
        wallet_correct(actor=staff, owner=job.owner, amount=1_000, reason=f"credit {n}")
    browser = browser_client_for(job.owner)
    first = browser.get("/payments/wallet/").content.decode()
    assert "25,000" in first
    assert "credit 24" in first
    assert "credit 4" not in first
    second = browser.get("/payments/wallet/?page=2").content.decode()
    assert "credit 4" in second


def test_success_with_garbage_amount_fails_the_order(browser_client_for):
    order = PendingTossOrderFactory()
    response = browser_client_for(order.buyer).get(
        "/payments/return/toss/", {"paymentKey": "x", "orderId": order.order_id, "amount": "lots"}
    )
    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED


def test_topup_form_errors(browser_client_for):
    job = PublishedJobFactory()
    browser = browser_client_for(job.owner)
    assert (
        browser.post(
            "/payments/wallet/topup/", {"product": "premium_7", "provider": "toss"}
        ).status_code
        == 400
    )
    assert (
        browser.post(
            "/payments/wallet/topup/", {"product": "topup_10000", "provider": "wallet"}
        ).status_code
        == 400
    )
