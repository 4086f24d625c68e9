"""A recruiter buys a premium option in a real Chromium, through the sandbox gateway over
real HTTP (live_server), lands on the success page and sees the order (POL-P-003, POL-P-006)."""

import pytest

from conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def gateways_at_live_server(live_server, settings):
    base = live_server.url + settings.PAYMENTS_SANDBOX_PATH
    settings.TOSS_API_BASE = base + "/toss"
    settings.IAMPORT_API_BASE = base + "/iamport"
    return live_server


def test_recruiter_buys_premium_through_the_sandbox(
    page, gateways_at_live_server, console_errors, shot
):
    from jobs.tests.factories import PublishedJobFactory
    from payments.models import Order, OrderStatus

    live_server = gateways_at_live_server
    job = PublishedJobFactory()
    tokens = sign_in(job.owner, name="playwright").tokens
    page.context.add_cookies(
        [
            {"name": "jb_access", "value": tokens.access, "url": live_server.url},
            {"name": "jb_refresh", "value": tokens.refresh, "url": live_server.url},
        ]
    )

    page.goto(f"{live_server.url}/payments/jobs/{job.pk}/checkout/")
    assert "30,000" in page.content()
    page.check("input[value=premium_7]")
    page.check("input[value=toss]")
    shot("payments-checkout")
    with page.expect_navigation():
        page.locator(".payments-checkout button[type=submit]").click()
    assert "/payments/sandbox/toss/checkout/" in page.url
    shot("payments-sandbox-window")
    with page.expect_navigation():
        page.locator("button[value=pay]").click()

    assert "/payments/return/toss/" in page.url
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert order.job_option.is_active()
    assert order.job_option.kind == "premium"
    assert page.locator("h1").count() == 1
    shot("payments-success")

    page.goto(f"{live_server.url}/payments/orders/")
    assert page.get_by_role("link", name=order.order_id).is_visible()
    assert console_errors == []
