from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jobboard.api.serializers import ModelSerializer, Serializer
from jobs.models import JobOption
from payments.gateways import gateway_names
from payments.models import WALLET, Order, Posting, Product

PROVIDERS = [*gateway_names(), WALLET]


# Integer fields are declared explicitly: model-derived bounds differ between SQLite and
# PostgreSQL, and the contract must not depend on the database.
class ProductSerializer(ModelSerializer):
    name = serializers.CharField(read_only=True)
    duration_days = serializers.IntegerField(read_only=True, allow_null=True)
    price = serializers.IntegerField(read_only=True, help_text="KRW, integer won.")

    class Meta:
        model = Product
        fields = ["code", "kind", "name", "duration_days", "price"]


class JobOptionSerializer(ModelSerializer):
    active = serializers.SerializerMethodField()

    class Meta:
        model = JobOption
        fields = ["kind", "starts_at", "ends_at", "active"]

    def get_active(self, option) -> bool:
        return option.is_active()


class OrderSerializer(ModelSerializer):
    product: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    job: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    job_option = serializers.SerializerMethodField()
    amount = serializers.IntegerField(read_only=True, help_text="KRW, integer won.")
    provider = serializers.ChoiceField(choices=PROVIDERS, read_only=True)
    refunded_amount = serializers.IntegerField(
        read_only=True, help_text="KRW given back so far (POL-P-007)."
    )
    receipt_url = serializers.CharField(
        read_only=True, help_text="The gateway's receipt page, once paid (empty if none)."
    )

    class Meta:
        model = Order
        fields = [
            "order_id",
            "order_name",
            "product",
            "job",
            "amount",
            "refunded_amount",
            "provider",
            "status",
            "failure_code",
            "job_option",
            "receipt_url",
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


class PrepareRequestSerializer(Serializer):
    product = serializers.SlugField(max_length=40, help_text="Product code, e.g. premium_7.")
    job = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="Job id (options only).",
    )
    provider = serializers.ChoiceField(choices=PROVIDERS)


class CheckoutSerializer(Serializer):
    provider = serializers.ChoiceField(choices=PROVIDERS)
    params = serializers.DictField(
        help_text="Passed as-is to the provider's browser SDK (Toss requestPayment, Iamport "
        "IMP.request_pay, PortOne requestPayment). Empty for wallet orders."
    )
    sandbox_url = serializers.URLField(
        allow_null=True, help_text="The sandbox's payment window, when enabled."
    )


class PrepareResponseSerializer(Serializer):
    order = OrderSerializer()
    checkout = CheckoutSerializer()


class ConfirmRequestSerializer(Serializer):
    order_id = serializers.RegexField(r"^[A-Za-z0-9_-]{6,40}$")
    payment_key = serializers.CharField(
        max_length=200, help_text="The gateway's payment id (Toss paymentKey, Iamport imp_uid…)."
    )
    amount = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="The amount from the redirect, where the provider gives one (Toss).",
    )


class CancelRequestSerializer(Serializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
    amount = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="KRW to refund. Omitted: the refund policy's amount, and the option ends "
        "(POL-P-007). Staff may give any amount up to what remains; others only the policy's.",
    )


class PostingSerializer(ModelSerializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(source="entry.kind", help_text="What moved the money.")
    amount = serializers.IntegerField(read_only=True, help_text="Signed KRW: + in, − out.")
    balance_after = serializers.IntegerField(read_only=True)
    order_id = serializers.SerializerMethodField()
    memo = serializers.CharField(source="entry.memo")
    created_at = serializers.DateTimeField(source="entry.created_at")

    class Meta:
        model = Posting
        fields = ["id", "kind", "amount", "balance_after", "order_id", "memo", "created_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_order_id(self, posting) -> str | None:
        order = posting.entry.order
        return order.order_id if order else None


class WebhookResultSerializer(Serializer):
    result = serializers.CharField(
        help_text="What the gateway's record led to ('paid', 'refunded', …), 'duplicate' or "
        "'ignored'."
    )
