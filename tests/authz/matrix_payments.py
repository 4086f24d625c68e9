"""Payments pages, API, webhooks and the sandbox (mounted in tests: PAYMENTS_SANDBOX=True)."""

from tests.authz.matrix import HIDDEN, Entry, every

RECRUITER_ONLY_PAGE = {"guest": 302, "jobseeker": 403, "recruiter": 200, "admin": 403}
RECRUITER_OR_ADMIN_PAGE = {"guest": 302, "jobseeker": 403, "recruiter": 200, "admin": 200}
BUY, VIEW, REFUND = "payments.add_order", "payments.view_order", "payments.refund_order"
WALLET, ANY = "payments.view_own_wallet", "payments.manage_any_order"
ALL = ("jobseeker", "recruiter", "admin")


def _perms(*names, admin_any=False):
    perms = dict.fromkeys(ALL, names)
    if admin_any:
        perms["admin"] = (*names, ANY)
    return perms


def _shows_order(world):
    return world.pending_order.order_id


def build(world):
    from jobs.tests.factories import PublishedJobFactory
    from payments.services import order_buy_with_wallet, order_prepare
    from payments.tests.factories import PendingTossOrderFactory

    recruiter = world.users["recruiter"]
    job = getattr(world, "published_job", None) or PublishedJobFactory(owner=recruiter)
    world.payments_job = job
    world.pending_order = order_prepare(
        buyer=recruiter, product_code="premium_7", provider="toss", job_id=job.pk
    )
    # A paid wallet order to refund (the wallet is filled by a staff correction).
    from payments.ledger import post_correction

    post_correction(owner=recruiter, amount=100_000, actor=world.users["admin"], reason="matrix")
    world.paid_order = order_buy_with_wallet(
        buyer=recruiter, product_code="premium_7", job_id=job.pk
    )
    world.other_order = PendingTossOrderFactory(buyer=world.other_recruiter)


def _checkout(world):
    return f"/payments/jobs/{world.payments_job.pk}/checkout/"


ENTRIES = [
    # --- pages
    Entry(
        "payments/jobs/<int:job_id>/checkout/",
        "GET",
        _checkout,
        RECRUITER_ONLY_PAGE,
        perms=_perms(BUY),
        granted={"jobseeker": 403, "admin": 403},
        notes="options are bought for one's own jobs only, whatever the permissions",
    ),
    Entry(
        "payments/jobs/<int:job_id>/checkout/",
        "POST",
        _checkout,
        {"guest": 302, "jobseeker": 403, "recruiter": 302, "admin": 403},
        data={"product": "premium_7", "provider": "toss"},
        fmt="multipart",
        notes="recruiter is sent to the gateway's payment window",
        perms=_perms(BUY),
        granted={"jobseeker": 403, "admin": 403},
    ),
    Entry(
        "payments/orders/",
        "GET",
        "/payments/orders/",
        RECRUITER_OR_ADMIN_PAGE,
        perms=_perms(VIEW, admin_any=True),
        denied=(403, HIDDEN),
        shows=_shows_order,
        granted={"jobseeker": 200},
    ),
    Entry(
        "payments/orders/<slug:order_id>/",
        "GET",
        lambda w: f"/payments/orders/{w.pending_order.order_id}/",
        RECRUITER_OR_ADMIN_PAGE,
        notes="the buyer and admins; other recruiters get 404",
        perms=_perms(VIEW, admin_any=True),
        denied=(403, 404),
        granted={"jobseeker": 404},
    ),
    Entry(
        "payments/orders/<slug:order_id>/pay/",
        "GET",
        lambda w: f"/payments/orders/{w.pending_order.order_id}/pay/",
        {"guest": 302, "jobseeker": 403, "recruiter": 200, "admin": 403},
        perms=_perms(BUY),
        granted={"jobseeker": 404, "admin": 404},
        notes="only the buyer opens the payment window",
    ),
    Entry(
        "payments/orders/<slug:order_id>/refund/",
        "GET",
        lambda w: f"/payments/orders/{w.paid_order.order_id}/refund/",
        RECRUITER_OR_ADMIN_PAGE,
        notes="the confirmation page with the policy's amount; another's order is not shown",
        perms=_perms(REFUND, VIEW, admin_any=True),
        denied=(403, 404),
        granted={"jobseeker": 404},
    ),
    Entry(
        "payments/orders/<slug:order_id>/refund/",
        "POST",
        lambda w: f"/payments/orders/{w.paid_order.order_id}/refund/",
        {"guest": 302, "jobseeker": 403, "recruiter": 302, "admin": 302},
        data={"reason": "matrix"},
        fmt="multipart",
        perms=_perms(REFUND, VIEW, admin_any=True),
        denied=(403, 404),
        granted={"jobseeker": 404},
    ),
    Entry(
        "payments/orders/<slug:order_id>/abandon/",
        "POST",
        lambda w: f"/payments/orders/{w.pending_order.order_id}/abandon/",
        {"guest": 302, "jobseeker": 403, "recruiter": 302, "admin": 403},
        fmt="multipart",
        notes="only the buyer gives up their pending order; others are shown no such order",
        perms=_perms(BUY),
        granted={"jobseeker": 404, "admin": 404},
    ),
    Entry(
        "payments/return/<slug:provider>/",
        "GET",
        "/payments/return/toss/",
        {"guest": 302, "jobseeker": 403, "recruiter": 404, "admin": 403},
        notes="without the gateway's parameters: no such order",
        perms=_perms(BUY),
        granted={"jobseeker": 404, "admin": 404},
    ),
    Entry(
        "payments/wallet/",
        "GET",
        "/payments/wallet/",
        RECRUITER_ONLY_PAGE,
        perms=_perms(WALLET),
        granted={"jobseeker": 200, "admin": 200},
    ),
    Entry(
        "payments/wallet/topup/",
        "POST",
        "/payments/wallet/topup/",
        {"guest": 302, "jobseeker": 403, "recruiter": 302, "admin": 403},
        data={"product": "topup_10000", "provider": "toss"},
        fmt="multipart",
        perms=_perms(BUY, WALLET),
        granted={"jobseeker": 302, "admin": 302},
    ),
    # --- API
    Entry("api/v1/products", "GET", "/api/v1/products", every(200)),
    Entry(
        "api/v1/payments/prepare",
        "POST",
        "/api/v1/payments/prepare",
        {"guest": 401, "jobseeker": 403, "recruiter": 201, "admin": 403},
        data=lambda w: {"product": "premium_7", "job": w.payments_job.pk, "provider": "toss"},
        perms=_perms(BUY),
        granted={"jobseeker": 403, "admin": 403},
    ),
    Entry(
        "api/v1/payments/confirm",
        "POST",
        "/api/v1/payments/confirm",
        {"guest": 401, "jobseeker": 403, "recruiter": 409, "admin": 403},
        data=lambda w: {"order_id": w.pending_order.order_id, "payment_key": "nope", "amount": 1},
        notes="a tampered amount: refused, the order fails (POL-P-003)",
        perms=_perms(BUY),
        granted={"jobseeker": 403, "admin": 403},
    ),
    Entry(
        "api/v1/orders",
        "GET",
        "/api/v1/orders",
        {"guest": 401, "jobseeker": 403, "recruiter": 200, "admin": 200},
        perms=_perms(VIEW, admin_any=True),
        denied=(403, HIDDEN),
        shows=_shows_order,
        granted={"jobseeker": 200},
    ),
    Entry(
        "api/v1/orders/<slug:order_id>",
        "GET",
        lambda w: f"/api/v1/orders/{w.other_order.order_id}",
        {"guest": 401, "jobseeker": 403, "recruiter": 404, "admin": 200},
        notes="another recruiter's order: hidden from this recruiter, visible to admins",
        perms={"admin": (VIEW, ANY)},
        denied=(403, 404),
    ),
    Entry(
        "api/v1/orders/<slug:order_id>/cancel",
        "POST",
        lambda w: f"/api/v1/orders/{w.paid_order.order_id}/cancel",
        {"guest": 401, "jobseeker": 403, "recruiter": 200, "admin": 200},
        data={"reason": "matrix"},
        perms=_perms(REFUND, admin_any=True),
        granted={"jobseeker": 403},
    ),
    Entry(
        "api/v1/wallet",
        "GET",
        "/api/v1/wallet",
        {"guest": 401, "jobseeker": 403, "recruiter": 200, "admin": 403},
        perms=_perms(WALLET),
        granted={"jobseeker": 200, "admin": 200},
    ),
    Entry(
        "api/v1/webhooks/payments/<slug:provider>",
        "POST",
        "/api/v1/webhooks/payments/iamport",
        every(404),
        data={"imp_uid": "imp_1", "merchant_uid": "unknown_order", "status": "paid"},
        notes="no auth: gateways call it; an order we never issued is refused for everyone",
    ),
    # --- sandbox (only mounted with PAYMENTS_SANDBOX; server-to-server calls need its keys)
    Entry("payments/sandbox/toss/checkout/", "GET", "/payments/sandbox/toss/checkout/", every(400)),
    Entry(
        "payments/sandbox/toss/checkout/",
        "POST",
        "/payments/sandbox/toss/checkout/",
        every(400),
        data={},
        fmt="multipart",
    ),
    Entry(
        "payments/sandbox/toss/v1/payments/confirm",
        "POST",
        "/payments/sandbox/toss/v1/payments/confirm",
        every(401),
        data={},
    ),
    Entry(
        "payments/sandbox/toss/v1/payments/orders/<str:order_id>",
        "GET",
        "/payments/sandbox/toss/v1/payments/orders/x",
        every(401),
    ),
    Entry(
        "payments/sandbox/toss/v1/payments/<str:payment_key>/cancel",
        "POST",
        "/payments/sandbox/toss/v1/payments/x/cancel",
        every(401),
        data={},
    ),
    Entry(
        "payments/sandbox/toss/v1/payments/<str:payment_key>",
        "GET",
        "/payments/sandbox/toss/v1/payments/x",
        every(401),
    ),
    Entry(
        "payments/sandbox/iamport/checkout/",
        "GET",
        "/payments/sandbox/iamport/checkout/",
        every(400),
    ),
    Entry(
        "payments/sandbox/iamport/checkout/",
        "POST",
        "/payments/sandbox/iamport/checkout/",
        every(400),
        data={},
        fmt="multipart",
    ),
    Entry(
        "payments/sandbox/iamport/users/getToken",
        "POST",
        "/payments/sandbox/iamport/users/getToken",
        every(401),
        data={},
    ),
    Entry(
        "payments/sandbox/iamport/payments/cancel",
        "POST",
        "/payments/sandbox/iamport/payments/cancel",
        every(401),
        data={},
    ),
    Entry(
        "payments/sandbox/receipt/<str:payment_id>/",
        "GET",
        "/payments/sandbox/receipt/x/",
        every(200),
    ),
    Entry(
        "payments/sandbox/iamport/payments/find/<str:merchant_uid>",
        "GET",
        "/payments/sandbox/iamport/payments/find/x",
        every(401),
    ),
    Entry(
        "payments/sandbox/iamport/payments/<str:imp_uid>",
        "GET",
        "/payments/sandbox/iamport/payments/x",
        every(401),
    ),
    Entry(
        "payments/sandbox/portone/checkout/",
        "GET",
        "/payments/sandbox/portone/checkout/",
        every(400),
    ),
    Entry(
        "payments/sandbox/portone/checkout/",
        "POST",
        "/payments/sandbox/portone/checkout/",
        every(400),
        data={},
        fmt="multipart",
    ),
    Entry(
        "payments/sandbox/portone/payments/<str:payment_id>/cancel",
        "POST",
        "/payments/sandbox/portone/payments/x/cancel",
        every(401),
        data={},
    ),
    Entry(
        "payments/sandbox/portone/payments/<str:payment_id>",
        "GET",
        "/payments/sandbox/portone/payments/x",
        every(401),
    ),
]
