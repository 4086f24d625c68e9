"""A recruiter buys a premium option in a real Chromium, through each provider's sandbox
window over real HTTP (live_server), lands on the success page and sees the order
(POL-P-003, POL-P-006); the wallet history and the order page read at 1280 and 390 px."""

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
    settings.PORTONE_API_BASE = base + "/portone"
    return live_server


@pytest.mark.parametrize("provider", ["toss", "iamport", "portone"])
def test_recruiter_buys_premium_through_the_sandbox(
    page, gateways_at_live_server, console_errors, shot, provider
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
    page.check(f"input[value={provider}]")
    shot(f"payments-checkout-{provider}")
    with page.expect_navigation():
        page.locator(".payments-checkout button[type=submit]").click()
    assert f"/payments/sandbox/{provider}/checkout/" in page.url
    shot(f"payments-sandbox-window-{provider}")
    with page.expect_navigation():
        page.locator("button[value=pay]").click()

    assert f"/payments/return/{provider}/" in page.url
    order = Order.objects.get()
    assert order.status == OrderStatus.PAID
    assert order.job_option.is_active()
    assert order.job_option.kind == "premium"
    assert page.locator("h1").count() == 1
    shot(f"payments-success-{provider}")

    page.goto(f"{live_server.url}/payments/orders/")
    assert page.get_by_role("link", name=order.order_id).is_visible()
    assert console_errors == []


def _fits(page) -> bool:
    """Nothing on the page is wider than the window (no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [1280, 390])
def test_wallet_history_and_order_page_read_at_every_width(
    page, gateways_at_live_server, console_errors, shot, width
):
    """A funded wallet with a purchase and a partial refund: the history lists every posting
    with its balance after, the order page shows the amounts and the receipt link, and
    neither scrolls sideways on a phone."""
    from accounts.tests.factories import AdminFactory
    from jobs.tests.factories import PublishedJobFactory
    from payments import services
    from payments.tests.conftest import fund

    live_server = gateways_at_live_server
    job = PublishedJobFactory()
    topup = fund(job.owner, 50_000)
    services.order_buy_with_wallet(buyer=job.owner, product_code="premium_7", job_id=job.pk)
    services.order_refund(actor=AdminFactory(), order_id=topup.order_id, amount=5_000, reason="x")
    tokens = sign_in(job.owner, name="playwright").tokens
    page.context.add_cookies(
        [
            {"name": "jb_access", "value": tokens.access, "url": live_server.url},
            {"name": "jb_refresh", "value": tokens.refresh, "url": live_server.url},
        ]
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/payments/wallet/")
    content = page.content()
    assert "15,000" in content  # 50,000 − 30,000 (premium, 7 days) − 5,000 refunded
    assert _fits(page)
    shot(f"payments-wallet-{width}")
    page.goto(f"{live_server.url}/payments/orders/{topup.order_id}/")
    assert topup.order_id in page.content()
    assert page.locator("a[href*='/payments/sandbox/receipt/']").count() == 1
    assert _fits(page)
    shot(f"payments-order-{width}")
    assert console_errors == []
