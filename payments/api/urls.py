from django.urls import path

from . import views

urlpatterns = [
    path("products", views.ProductListApi.as_view(), name="payments-products"),
    path("payments/prepare", views.PaymentPrepareApi.as_view(), name="payments-prepare"),
    path("payments/confirm", views.PaymentConfirmApi.as_view(), name="payments-confirm"),
    path("orders", views.OrderListApi.as_view(), name="payments-orders"),
    path("orders/<slug:order_id>", views.OrderDetailApi.as_view(), name="payments-order"),
    path(
        "orders/<slug:order_id>/cancel",
        views.OrderCancelApi.as_view(),
        name="payments-order-cancel",
    ),
    path("wallet", views.WalletApi.as_view(), name="payments-wallet"),
    # One route for every provider in settings.PAYMENTS_GATEWAYS (POL-P-004, POL-P-008).
    path(
        "webhooks/payments/<slug:provider>",
        views.PaymentWebhookApi.as_view(),
        name="payments-webhook",
    ),
]
