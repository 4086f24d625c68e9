"""REST interface of payments: parse → call the service → serialize (PRODUCT.md, REST API)."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import allowed_by
from jobboard import metrics
from jobboard.api.parsers import JSONParser
from payments import selectors, services
from payments.checkout import checkout_params, sandbox_checkout_url
from payments.models import OrderStatus, Provider
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
    IamportNotificationSerializer,
    OrderSerializer,
    PrepareRequestSerializer,
    PrepareResponseSerializer,
    ProductSerializer,
    WalletSerializer,
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
        if data.validated_data["provider"] == Provider.WALLET:
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
        summary="Refund a paid order through its gateway; ends its option (POL-P-006)",
        request=CancelRequestSerializer,
        responses={200: OrderSerializer, 401: _401, 403: _403, 404: _404, 409: _409},
    )
    def post(self, request, order_id):
        data = CancelRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.order_refund(
            actor=request.user, order_id=order_id, reason=data.validated_data.get("reason", "")
        )
        return Response(OrderSerializer(order).data)


class WalletApi(APIView):
    permission_classes = [allowed_by(can_view_wallet)]

    @extend_schema(
        operation_id="getWallet",
        tags=TAGS,
        summary="Wallet balance and ledger entries (POL-P-005)",
        responses={200: WalletSerializer, 401: _401, 403: _403},
    )
    def get(self, request):
        entries = list(selectors.wallet_entries(owner=request.user)[:100])
        return Response(
            WalletSerializer(
                {"balance": selectors.wallet_balance(owner=request.user), "entries": entries}
            ).data
        )


_WEBHOOK_RESPONSES = {
    200: WebhookResultSerializer,
    400: OpenApiResponse(
        description="Malformed body, wrong secret, or another order's payment; nothing changed."
    ),
    404: OpenApiResponse(description="An order we never issued; nothing changed."),
    415: OpenApiResponse(description="Not JSON (nor form-encoded, for Iamport)."),
    503: OpenApiResponse(
        description="Transient trouble (gateway unreachable, lock timeout, database down): retry."
    ),
}


class _CountedWebhookApi(APIView):
    """Counts every delivery by outcome (jobboard_webhook_deliveries_total), whatever the
    answer — alerting watches the 4xx/5xx share."""

    provider = ""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        metrics.webhook_delivered(self.provider, _webhook_outcome(response))
        return response


def _webhook_outcome(response) -> str:
    if response.status_code < 300:
        return "duplicate" if response.data.get("result") == "duplicate" else "applied"
    if response.status_code == 404:
        return "unknown_order"
    if response.status_code in (400, 413, 415):
        return "malformed"
    return "error" if response.status_code >= 500 else "rejected"


class TossWebhookApi(_CountedWebhookApi):
    """Toss Payments notifications (POL-P-004): outside JWT auth and CSRF; the body is only a
    trigger, the payment is re-fetched from Toss before anything changes."""

    provider = "toss"
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="receiveTossWebhook",
        tags=["webhooks"],
        summary="Toss Payments webhook: PAYMENT_STATUS_CHANGED, DEPOSIT_CALLBACK",
        request=OpenApiTypes.OBJECT,
        responses=_WEBHOOK_RESPONSES,
    )
    def post(self, request):
        result = services.webhook_toss_receive(
            payload=request.data,
            transmission_id=request.headers.get("tosspayments-webhook-transmission-id", ""),
        )
        return Response({"result": result})


class IamportWebhookApi(_CountedWebhookApi):
    """Iamport notifications, JSON or form-encoded (POL-P-004); acted on only after looking
    the imp_uid up at Iamport."""

    provider = "iamport"
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        operation_id="receiveIamportWebhook",
        tags=["webhooks"],
        summary="Iamport (PortOne V1) webhook",
        request={
            "application/json": IamportNotificationSerializer,
            "application/x-www-form-urlencoded": IamportNotificationSerializer,
        },
        responses=_WEBHOOK_RESPONSES,
    )
    def post(self, request):
        data = request.data.dict() if hasattr(request.data, "dict") else request.data
        if not isinstance(data, dict):
            data = {}
        return Response({"result": services.webhook_iamport_receive(data=data)})
