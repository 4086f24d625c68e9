from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Company, DeviceSession, Role, User


class CompanySerializer(serializers.ModelSerializer):
    class Meta:
        model = Company
        fields = ["id", "name"]


# Inline and nullable: openapi-core rejects null for `allOf: [$ref], nullable: true`.
COMPANY_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": "The recruiter's company; null for other roles.",
    "required": ["id", "name"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}


class UserSerializer(serializers.ModelSerializer):
    company = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "name", "role", "company"]

    @extend_schema_field(COMPANY_SCHEMA)
    def get_company(self, user) -> dict | None:
        return CompanySerializer(user.company).data if user.company_id else None


class MeSerializer(UserSerializer):
    permissions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "permissions"]


class RegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    # The other POL-A-004 rules (common, numeric, like the email) are checked by the service.
    password = serializers.CharField(min_length=8, max_length=128, write_only=True)
    role = serializers.ChoiceField(choices=[Role.JOBSEEKER.value, Role.RECRUITER.value])
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    company_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for recruiters.",
    )


class LoginSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True)
    device_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="A label for this device; the User-Agent is used when absent.",
    )


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class DeviceSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField()

    class Meta:
        model = DeviceSession
        fields = ["id", "name", "ip_address", "user_agent", "created_at", "last_used_at", "current"]

    def get_current(self, device) -> bool:
        return str(device.pk) == str(self.context.get("current_sid"))


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    token_type = serializers.ChoiceField(choices=["Bearer"])
    expires_in = serializers.IntegerField(help_text="Seconds until the access token expires.")
    refresh_expires_in = serializers.IntegerField()


class LoginResponseSerializer(TokenPairSerializer):
    device = DeviceSerializer()


def token_pair_data(tokens) -> dict:
    return {
        "access": tokens.access,
        "refresh": tokens.refresh,
        "token_type": "Bearer",
        "expires_in": tokens.access_expires_in,
        "refresh_expires_in": tokens.refresh_expires_in,
    }
