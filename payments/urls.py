from django.conf import settings
from django.urls import URLPattern, URLResolver, include, path

from . import views

app_name = "payments"
urlpatterns: list[URLPattern | URLResolver] = [
    path("jobs/<int:job_id>/checkout/", views.CheckoutView.as_view(), name="checkout"),
    path("orders/", views.OrderListView.as_view(), name="orders"),
    path("orders/<slug:order_id>/", views.OrderDetailView.as_view(), name="order"),
    path("orders/<slug:order_id>/pay/", views.PayView.as_view(), name="pay"),
    path("orders/<slug:order_id>/refund/", views.OrderRefundView.as_view(), name="refund"),
    path("orders/<slug:order_id>/abandon/", views.OrderAbandonView.as_view(), name="abandon"),
    path("return/<slug:provider>/", views.PaymentReturnView.as_view(), name="return"),
    path("wallet/", views.WalletView.as_view(), name="wallet"),
    path("wallet/topup/", views.WalletTopupView.as_view(), name="wallet-topup"),
]

# The local stand-in for the gateways lives in a development-only package that the image
# does not ship (docs/payments.md, "The sandbox"); production settings refuse the switch.
if settings.PAYMENTS_SANDBOX:
    urlpatterns.append(path("sandbox/", include("payments_sandbox.urls")))
