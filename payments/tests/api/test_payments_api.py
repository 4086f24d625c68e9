"""The payments API end to end; every response is checked against openapi/api-spec.yaml."""

import pytest

from accounts.tests.factories import AdminFactory, JobseekerFactory
from jobs.tests.factories import PublishedJobFactory
from payments.models import OrderStatus
from payments.tests.conftest import sandbox_toss_pay
from payments.tests.factories import PendingTossOrderFactory

pytestmark = pytest.mark.django_db


def test_products_are_listed_with_server_prices__POL_P_001(api_client):
    response = api_client.get("/api/v1/products")
    assert response.status_code == 200
    codes = {p["code"]: p["price"] for p in response.json()["results"]}
    assert {"premium_7", "premium_30", "banner_7", "banner_30"} <= set(codes)
    assert codes["premium_7"] == 30_000


def test_prepare_confirm_and_see_the_order__POL_P_003(api_client_for):
    job = PublishedJobFactory()
    api = api_client_for(job.owner)
    prepared = api.post(
        "/api/v1/payments/prepare",
        {"product": "premium_7", "job": job.pk, "provider": "toss", "amount": 1},
    )
    assert prepared.status_code == 201
    body = prepared.json()
    order_id = body["order"]["order_id"]
    assert body["order"]["amount"] == 30_000  # the client's amount is ignored
    params = body["checkout"]["params"]
    assert params["orderId"] == order_id
    assert params["successUrl"].endswith("/payments/return/toss/")
    assert body["checkout"]["sandbox_url"].startswith(
        "http://testserver/payments/sandbox/toss/checkout/"
    )

    from payments.models import Order

    redirect = sandbox_toss_pay(Order.objects.get(order_id=order_id))
    confirmed = api.post(
        "/api/v1/payments/confirm",
        {
            "order_id": order_id,
            "payment_key": redirect["paymentKey"],
            "amount": int(redirect["amount"]),
        },
    )
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "paid"
    assert confirmed.json()["job_option"]["active"] is True

    listed = api.get("/api/v1/orders?status=paid")
    assert [o["order_id"] for o in listed.json()["results"]] == [order_id]
    assert api.get(f"/api/v1/orders/{order_id}").json()["status"] == "paid"

    cancelled = api.post(f"/api/v1/orders/{order_id}/cancel", {"reason": "test"})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "refunded"
    assert cancelled.json()["job_option"]["active"] is False


def test_confirm_with_tampered_amount_is_409__POL_P_003(api_client_for):
    order = PendingTossOrderFactory()
    redirect = sandbox_toss_pay(order)
    response = api_client_for(order.buyer).post(
        "/api/v1/payments/confirm",
        {"order_id": order.order_id, "payment_key": redirect["paymentKey"], "amount": 10},
    )
    assert response.status_code == 409
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED


def test_wallet_purchase_and_wallet_view__POL_P_005(api_client_for):
    job = PublishedJobFactory()
    api = api_client_for(job.owner)
    topup = api.post(
        "/api/v1/payments/prepare", {"product": "topup_50000", "provider": "toss"}
    ).json()
    from payments.models import Order

    redirect = sandbox_toss_pay(Order.objects.get(order_id=topup["order"]["order_id"]))
    api.post(
        "/api/v1/payments/confirm",
        {
            "order_id": topup["order"]["order_id"],
            "payment_key": redirect["paymentKey"],
            "amount": 50_000,
        },
    )
    bought = api.post(
        "/api/v1/payments/prepare", {"product": "premium_7", "job": job.pk, "provider": "wallet"}
    )
    assert bought.status_code == 201
    assert bought.json()["order"]["status"] == "paid"
    assert bought.json()["checkout"]["sandbox_url"] is None
    wallet = api.get("/api/v1/wallet").json()
    assert (wallet["balance"], wallet["total"], wallet["page"]) == (20_000, 2, 1)
    assert [(e["kind"], e["amount"], e["balance_after"]) for e in wallet["results"]] == [
        ("purchase", -30_000, 20_000),
        ("topup", 50_000, 50_000),
    ]
    second = api.get("/api/v1/wallet", {"limit": 1, "page": 2}).json()
    assert (second["total"], [e["kind"] for e in second["results"]]) == (2, ["topup"])
    short = api.post(
        "/api/v1/payments/prepare", {"product": "premium_30", "job": job.pk, "provider": "wallet"}
    )
    assert short.status_code == 409


def test_other_recruiters_orders_are_hidden_but_admins_see_them(api_client_for):
    order = PendingTossOrderFactory()
    stranger = PendingTossOrderFactory().buyer
    assert api_client_for(stranger).get(f"/api/v1/orders/{order.order_id}").status_code == 404
    assert (
        api_client_for(stranger).post(f"/api/v1/orders/{order.order_id}/cancel", {}).status_code
        == 403
    )
    assert api_client_for(AdminFactory()).get(f"/api/v1/orders/{order.order_id}").status_code == 200


def test_jobseekers_cannot_buy(api_client_for):
    job = PublishedJobFactory()
    response = api_client_for(JobseekerFactory()).post(
        "/api/v1/payments/prepare", {"product": "premium_7", "job": job.pk, "provider": "toss"}
    )
    assert response.status_code == 403


def test_prepare_validation_errors_are_problems(api_client_for):
    job = PublishedJobFactory()
    response = api_client_for(job.owner).post(
        "/api/v1/payments/prepare", {"product": "premium_7", "provider": "cash"}
    )
    assert response.status_code == 400
    assert "provider" in response.json()["errors"]


def test_unknown_status_filter_is_400(api_client_for):
    order = PendingTossOrderFactory()
    response = api_client_for(order.buyer).get("/api/v1/orders?status=nope")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_page_beyond_the_last_is_empty(api_client):
    body = api_client.get("/api/v1/products?page=99").json()
    assert body["results"] == []
    assert body["page"] == 99


def test_staff_refund_any_amount_recruiter_only_the_policy__POL_P_007(api_client_for):
    from payments.tests.conftest import pay

    order = pay(PendingTossOrderFactory())
    mine = api_client_for(order.buyer).post(
        f"/api/v1/orders/{order.order_id}/cancel", {"amount": 5_000, "reason": "x"}
    )
    assert mine.status_code == 409
    staff = api_client_for(AdminFactory()).post(
        f"/api/v1/orders/{order.order_id}/cancel", {"amount": 5_000, "reason": "partly"}
    )
    assert staff.status_code == 200
    body = staff.json()
    assert (body["status"], body["refunded_amount"], body["job_option"]["active"]) == (
        "paid",
        5_000,
        True,
    )
    assert body["receipt_url"].startswith("http://testserver/payments/sandbox/receipt/")
