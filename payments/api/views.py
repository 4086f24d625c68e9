"""REST interface of payments: parse → call the service → serialize (PRODUCT.md, REST API)."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import UnsupportedMediaType, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import allowed_by
from jobboard import metrics
from jobboard.api.parsers import JSONParser
from payments import selectors, services
from payments.checkout import checkout_params, sandbox_checkout_url
from payments.gateways import gateway_names
from payments.models import WALLET, OrderStatus
from payments.policies import (
    can_buy_option,
    can_pay_order,
    can_refund_order,
    can_view_order,
    can_view_wallet,
)

from .serializers import (
    CancelRequestSerializer,
    CheckoutSerializer,
    ConfirmRequestSerializer,
    OrderSerializer,
    PostingSerializer,
    PrepareRequestSerializer,
    PrepareResponseSerializer,
    ProductSerializer,
    WebhookResultSerializer,
)

TAGS = ["payments"]
_401 = OpenApiResponse(description="Not signed in.")
_403 = OpenApiResponse(
    description="The role lacks the permission, or the order/job is someone else's."
)
_404 = OpenApiResponse(description="No such order (or job).")
_409 = OpenApiResponse(
    description="The gateway refused, the amounts differ (POL-P-003), or the state forbids it."
)


class ProductListApi(generics.ListAPIView):
    serializer_class = ProductSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return selectors.product_list_active()

    @extend_schema(
        operation_id="listProducts",
        tags=TAGS,
        summary="The price list (POL-P-001)",
        responses={200: ProductSerializer(many=True)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PaymentPrepareApi(APIView):
    permission_classes = [allowed_by(can_buy_option)]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="preparePayment",
        tags=TAGS,
        summary="Create an order at the server's price, with the data the gateway checkout needs",
        description="provider=wallet pays from the wallet at once (201 with a paid order).",
        request=PrepareRequestSerializer,
        responses={201: PrepareResponseSerializer, 401: _401, 403: _403, 409: _409},
    )
    def post(self, request):
        data = PrepareRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        args = {
            "buyer": request.user,
            "product_code": data.validated_data["product"],
            "job_id": data.validated_data.get("job"),
        }
        if data.validated_data["provider"] == WALLET:
            order = services.order_buy_with_wallet(**args)
        else:
            order = services.order_prepare(provider=data.validated_data["provider"], **args)
        checkout = CheckoutSerializer(
            {
                "provider": order.provider,
                "params": checkout_params(order, request),
                "sandbox_url": sandbox_checkout_url(order, request),
            }
        ).data
        return Response(
            {"order": OrderSerializer(order).data, "checkout": checkout},
            status=status.HTTP_201_CREATED,
        )


class PaymentConfirmApi(APIView):
    permission_classes = [allowed_by(can_pay_order)]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="confirmPayment",
        tags=TAGS,
        summary="Confirm a gateway payment after asking the gateway (POL-P-003)",
        request=ConfirmRequestSerializer,
        responses={200: OrderSerializer, 401: _401, 403: _403, 404: _404, 409: _409},
    )
    def post(self, request):
        data = ConfirmRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.order_confirm(
            user=request.user,
            order_id=data.validated_data["order_id"],
            payment_key=data.validated_data["payment_key"],
            amount=data.validated_data.get("amount"),
        )
        return Response(OrderSerializer(order).data)


class OrderListApi(generics.ListAPIView):
    serializer_class = OrderSerializer
    permission_classes = [allowed_by(can_view_order)]

    def get_queryset(self):
        status_filter = self.request.query_params.get("status")
        if status_filter is not None and status_filter not in OrderStatus.values:
            raise ValidationError({"status": [f"Not one of {', '.join(OrderStatus.values)}."]})
        return selectors.order_list_visible(user=self.request.user, status=status_filter)

    @extend_schema(
        operation_id="listOrders",
        tags=TAGS,
        summary="Own orders (everyone's for admins)",
        parameters=[OpenApiParameter("status", enum=OrderStatus.values, required=False)],
        responses={200: OrderSerializer(many=True), 401: _401, 403: _403},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class OrderDetailApi(APIView):
    permission_classes = [allowed_by(can_view_order)]

    @extend_schema(
        operation_id="getOrder",
        tags=TAGS,
        summary="One order",
        responses={200: OrderSerializer, 401: _401, 403: _403, 404: _404},
    )
    def get(self, request, order_id):
        order = selectors.order_get_visible(user=request.user, order_id=order_id)
        if order is None:
            raise Http404
        return Response(OrderSerializer(order).data)


class OrderCancelApi(APIView):
    permission_classes = [allowed_by(can_refund_order)]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="cancelOrder",
        tags=TAGS,
        summary="Refund a paid order: the policy's amount by default (POL-P-007)",
        description="Without `amount` the order is cancelled: the refund policy's amount goes "
        "back and the option ends now (POL-P-006). Staff may refund any amount up to what "
        "remains; a partial refund leaves the order paid and its option running.",
        request=CancelRequestSerializer,
        responses={200: OrderSerializer, 401: _401, 403: _403, 404: _404, 409: _409},
    )
    def post(self, request, order_id):
        data = CancelRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.order_refund(
            actor=request.user,
            order_id=order_id,
            amount=data.validated_data.get("amount"),
            reason=data.validated_data.get("reason", ""),
        )
        return Response(OrderSerializer(order).data)


class WalletApi(generics.ListAPIView):
    """The wallet's balance and its postings, newest first, paginated like every list."""

    serializer_class = PostingSerializer
    permission_classes = [allowed_by(can_view_wallet)]

    def get_queryset(self):
        return selectors.wallet_postings(owner=self.request.user)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {
            "balance": selectors.wallet_balance_of(self.paginator.page, owner=self.request.user),
            **response.data,
        }
        return response

    @extend_schema(
        operation_id="getWallet",
        tags=TAGS,
        summary="Wallet balance and its ledger postings (POL-P-005)",
        description="`balance` is the sum of every posting to the wallet; `results` are the "
        "postings, newest first, each with the balance after it.",
        responses={200: PostingSerializer(many=True), 401: _401, 403: _403},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


_WEBHOOK_RESPONSES = {
    200: WebhookResultSerializer,
    400: OpenApiResponse(
        description="Malformed body, bad signature, wrong secret, or another order's payment; "
        "nothing changed."
    ),
    404: OpenApiResponse(description="An order we never issued; nothing changed."),
    415: OpenApiResponse(description="Neither JSON nor form-encoded."),
    503: OpenApiResponse(
        description="Transient trouble (gateway unreachable, lock timeout, database down): retry."
    ),
}

_WEBHOOK_MEDIA_TYPES = ("application/json", "application/x-www-form-urlencoded")


class PaymentWebhookApi(APIView):
    """Every provider's notifications (POL-P-004): outside JWT auth and CSRF. The provider
    verifies what it can (a signature, where it signs), the body only names the payment,
    and the payment is fetched from the gateway before anything changes. Each delivery is
    counted by outcome (jobboard_webhook_deliveries_total) — alerting watches the 4xx/5xx
    share."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="receivePaymentWebhook",
        tags=["webhooks"],
        summary="A payment provider's webhook (Toss, Iamport, PortOne V2)",
        description="The body is the provider's own notification, read by the provider's "
        "module; anything but a known notification is a 400, an order we never issued a 404.",
        parameters=[OpenApiParameter("provider", str, "path", enum=gateway_names())],
        request=dict.fromkeys(_WEBHOOK_MEDIA_TYPES, OpenApiTypes.OBJECT),
        responses=_WEBHOOK_RESPONSES,
    )
    def post(self, request, provider):
        media = request.content_type.split(";")[0].strip().lower()
        if media not in _WEBHOOK_MEDIA_TYPES:
            raise UnsupportedMediaType(media)
        result = services.webhook_receive(
            provider=provider,
            body=request.body,
            headers=request.headers,
            content_type=media,
        )
        return Response({"result": result})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        metrics.webhook_delivered(kwargs.get("provider", ""), _webhook_outcome(response))
        return response


def _webhook_outcome(response) -> str:
    if response.status_code < 300:
        return "duplicate" if response.data.get("result") == "duplicate" else "applied"
    if response.status_code == 404:
        return "unknown_order"
    if response.status_code in (400, 413, 415):
        return "malformed"
    return "error" if response.status_code >= 500 else "rejected"
