from django.urls import path

from . import portone, views

# Mounted at /payments/sandbox/ only when PAYMENTS_SANDBOX is on (payments/urls.py), in
# development and tests; the package is not in the production image.
urlpatterns = [
    path("receipt/<str:payment_id>/", views.receipt, name="sandbox-receipt"),
    path("toss/checkout/", views.toss_checkout, name="sandbox-toss-checkout"),
    path("toss/v1/payments/confirm", views.toss_confirm, name="sandbox-toss-confirm"),
    path(
        "toss/v1/payments/orders/<str:order_id>",
        views.toss_payment_by_order,
        name="sandbox-toss-by-order",
    ),
    path(
        "toss/v1/payments/<str:payment_key>/cancel", views.toss_cancel, name="sandbox-toss-cancel"
    ),
    path("toss/v1/payments/<str:payment_key>", views.toss_payment, name="sandbox-toss-payment"),
    path("iamport/checkout/", views.iamport_checkout, name="sandbox-iamport-checkout"),
    path("iamport/users/getToken", views.iamport_token, name="sandbox-iamport-token"),
    path("iamport/payments/cancel", views.iamport_cancel, name="sandbox-iamport-cancel"),
    path(
        "iamport/payments/find/<str:merchant_uid>",
        views.iamport_find,
        name="sandbox-iamport-find",
    ),
    path("iamport/payments/<str:imp_uid>", views.iamport_payment, name="sandbox-iamport-payment"),
    path("portone/checkout/", portone.checkout, name="sandbox-portone-checkout"),
    path("portone/payments/<str:payment_id>/cancel", portone.cancel, name="sandbox-portone-cancel"),
    path("portone/payments/<str:payment_id>", portone.payment, name="sandbox-portone-payment"),
]
