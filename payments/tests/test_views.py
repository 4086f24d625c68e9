"""Checkout pages, success/failure, orders and wallet, as a signed-in browser."""

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
    refunded = browser.post(f"/payments/orders/{order.order_id}/cancel/", {"reason": "x"})
    assert refunded.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED


def test_tampered_success_url_lands_on_failure(browser_client_for):
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order)
    response = browser_client_for(order.buyer).get(
        "/payments/success/",
        {"paymentKey": redirect["paymentKey"], "orderId": order.order_id, "amount": 100},
    )
    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED


def test_cancel_in_the_window_lands_on_failure(browser_client_for):
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order, action="cancel")
    response = browser_client_for(order.buyer).get("/payments/fail/", redirect)
    assert response.status_code == 200
    order.refresh_from_db()
    assert (order.status, order.failure_code) == (OrderStatus.FAILED, "PAY_PROCESS_CANCELED")


def test_iamport_redirect_confirms(browser_client_for):
    from payments.tests.factories import PendingIamportOrderFactory

    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order)
    assert browser_client_for(order.buyer).get("/payments/success/", redirect).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


def test_iamport_cancelled_window_fails(browser_client_for):
    from payments.tests.factories import PendingIamportOrderFactory

    order = PendingIamportOrderFactory()
    redirect = sandbox_iamport_pay(order, action="cancel")
    browser_client_for(order.buyer).get("/payments/success/", redirect)
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


def test_pay_page_without_sandbox_loads_the_sdk(browser_client_for, settings):
    order = PendingTossOrderFactory()
    settings.PAYMENTS_SANDBOX = False
    response = browser_client_for(order.buyer).get(f"/payments/orders/{order.order_id}/pay/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "https://js.tosspayments.com/v2/standard" in content
    assert order.order_id in content


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
    assert stranger.post(f"/payments/orders/{order.order_id}/cancel/").status_code == 403
    assert browser.post("/payments/orders/nosuchorder1/cancel/").status_code == 404


def test_refund_refused_shows_a_message(browser_client_for):
    order = PendingTossOrderFactory()
    response = browser_client_for(order.buyer).post(
        f"/payments/orders/{order.order_id}/cancel/", follow=True
    )
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING


def test_success_with_garbage_amount_fails_the_order(browser_client_for):
    order = PendingTossOrderFactory()
    response = browser_client_for(order.buyer).get(
        "/payments/success/", {"paymentKey": "x", "orderId": order.order_id, "amount": "lots"}
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
