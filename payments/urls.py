from django.conf import settings
from django.urls import include, path

from . import views

app_name = "payments"
urlpatterns = [
    path("jobs/<int:job_id>/checkout/", views.CheckoutView.as_view(), name="checkout"),
    path("orders/", views.OrderListView.as_view(), name="orders"),
    path("orders/<slug:order_id>/", views.OrderDetailView.as_view(), name="order"),
    path("orders/<slug:order_id>/pay/", views.PayView.as_view(), name="pay"),
    path("orders/<slug:order_id>/cancel/", views.OrderCancelView.as_view(), name="order-cancel"),
    path("success/", views.PaymentSuccessView.as_view(), name="success"),
    path("fail/", views.PaymentFailView.as_view(), name="fail"),
    path("wallet/", views.WalletView.as_view(), name="wallet"),
    path("wallet/topup/", views.WalletTopupView.as_view(), name="wallet-topup"),
]

# The local stand-in for the gateways (docs/payments.md); production settings refuse it.
if settings.PAYMENTS_SANDBOX:
    urlpatterns.append(path("sandbox/", include("payments.sandbox.urls")))
