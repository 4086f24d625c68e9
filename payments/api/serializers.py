from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jobs.models import JobOption
from payments.models import LedgerEntry, Order, Product, Provider


# Integer fields are declared explicitly: model-derived bounds differ between SQLite and
# PostgreSQL, and the contract must not depend on the database.
class ProductSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    duration_days = serializers.IntegerField(read_only=True, allow_null=True)
    price = serializers.IntegerField(read_only=True, help_text="KRW, integer won.")

    class Meta:
        model = Product
        fields = ["code", "kind", "name", "duration_days", "price"]


class JobOptionSerializer(serializers.ModelSerializer):
    active = serializers.SerializerMethodField()

    class Meta:
        model = JobOption
        fields = ["kind", "starts_at", "ends_at", "active"]

    def get_active(self, option) -> bool:
        return option.is_active()


class OrderSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    job = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    job_option = serializers.SerializerMethodField()
    amount = serializers.IntegerField(read_only=True, help_text="KRW, integer won.")

    class Meta:
        model = Order
        fields = [
            "order_id",
            "order_name",
            "product",
            "job",
            "amount",
            "provider",
            "status",
            "failure_code",
            "job_option",
            "created_at",
            "paid_at",
            "cancelled_at",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "description": "The option this order put on the job (POL-P-006), once paid.",
            "required": ["kind", "starts_at", "ends_at", "active"],
            "properties": {
                "kind": {"type": "string", "enum": ["premium", "banner"]},
                "starts_at": {"type": "string", "format": "date-time"},
                "ends_at": {"type": "string", "format": "date-time"},
                "active": {"type": "boolean"},
            },
        }
    )
    def get_job_option(self, order):
        return JobOptionSerializer(order.job_option).data if order.job_option_id else None


class PrepareRequestSerializer(serializers.Serializer):
    product = serializers.SlugField(max_length=40, help_text="Product code, e.g. premium_7.")
    job = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="Job id (options only).",
    )
    provider = serializers.ChoiceField(choices=Provider.choices)


class CheckoutSerializer(serializers.Serializer):
    provider = serializers.ChoiceField(choices=Provider.choices)
    params = serializers.DictField(
        help_text="Passed as-is to the gateway's browser SDK: Toss requestPayment (clientKey, "
        "orderId, orderName, amount, successUrl, failUrl) or Iamport IMP.request_pay (impCode, "
        "merchant_uid, name, amount, m_redirect_url). Empty for wallet orders."
    )
    sandbox_url = serializers.URLField(
        allow_null=True, help_text="The sandbox's payment window, when enabled."
    )


class PrepareResponseSerializer(serializers.Serializer):
    order = OrderSerializer()
    checkout = CheckoutSerializer()


class ConfirmRequestSerializer(serializers.Serializer):
    order_id = serializers.RegexField(r"^[A-Za-z0-9_-]{6,40}$")
    payment_key = serializers.CharField(
        max_length=200, help_text="Toss paymentKey or Iamport imp_uid."
    )
    amount = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The amount from Toss's redirect; required for Toss orders.",
    )


class CancelRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class LedgerEntrySerializer(serializers.ModelSerializer):
    order_id = serializers.SerializerMethodField()
    amount = serializers.IntegerField(read_only=True, help_text="Signed KRW.")
    balance_after = serializers.IntegerField(read_only=True)

    class Meta:
        model = LedgerEntry
        fields = ["id", "kind", "amount", "balance_after", "order_id", "memo", "created_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_order_id(self, entry) -> str | None:
        return entry.order.order_id if entry.order_id else None


class WalletSerializer(serializers.Serializer):
    balance = serializers.IntegerField()
    entries = LedgerEntrySerializer(many=True, help_text="The latest 100 entries, newest first.")


class IamportNotificationSerializer(serializers.Serializer):
    """Documentation only: the view reads the body itself (JSON or form-encoded)."""

    imp_uid = serializers.CharField(max_length=255)
    merchant_uid = serializers.CharField(max_length=255)
    status = serializers.CharField(max_length=32, required=False)
    cancellation_id = serializers.CharField(max_length=255, required=False)


class WebhookResultSerializer(serializers.Serializer):
    result = serializers.CharField(help_text="processed outcome, 'duplicate' or 'ignored'.")
