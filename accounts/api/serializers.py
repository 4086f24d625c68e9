from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Company, ConsentKind, DeviceSession, Role, User
from jobboard.api.serializers import ModelSerializer, Serializer


class CompanySerializer(ModelSerializer):
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


class UserSerializer(ModelSerializer):
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


class RegisterSerializer(Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        min_length=8,
        max_length=128,
        write_only=True,
        help_text="At least 8 characters, not common, not all digits, not like the email "
        "(POL-A-004); a password breaking those rules is a 400 with a field error.",
    )
    role = serializers.ChoiceField(choices=[Role.JOBSEEKER.value, Role.RECRUITER.value])
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    company_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required for recruiters.",
    )
    # POL-PRIV-001: each recorded with the version of its text (GET /accounts/legal/<kind>/).
    consent_terms = serializers.BooleanField(
        help_text="Agreement to the terms of service; must be true."
    )
    consent_privacy = serializers.BooleanField(
        help_text="Agreement to the collection and use of personal information; must be true."
    )
    consent_age_14 = serializers.BooleanField(
        help_text="The user confirms being 14 or older; must be true."
    )
    consent_marketing = serializers.BooleanField(
        required=False, default=False, help_text="Optional: job news and offers by email."
    )

    def consents(self) -> list[str]:
        return [kind for kind in ConsentKind.values if self.validated_data.get(f"consent_{kind}")]


class LoginSerializer(Serializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True)
    device_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="A label for this device; the User-Agent is used when absent.",
    )


class PasswordResetRequestSerializer(Serializer):
    email = serializers.EmailField(max_length=254)


class PasswordResetConfirmSerializer(Serializer):
    uid = serializers.CharField(max_length=64, help_text="From the emailed link.")
    token = serializers.CharField(max_length=100, help_text="From the emailed link.")
    new_password = serializers.CharField(max_length=128, write_only=True)


class AccountDeleteSerializer(Serializer):
    password = serializers.CharField(
        max_length=128, write_only=True, help_text="The current password confirms it."
    )


class DetailSerializer(Serializer):
    detail = serializers.CharField()


class RefreshSerializer(Serializer):
    refresh = serializers.CharField()


class DeviceSerializer(ModelSerializer):
    current = serializers.SerializerMethodField()

    class Meta:
        model = DeviceSession
        fields = ["id", "name", "ip_address", "user_agent", "created_at", "last_used_at", "current"]

    def get_current(self, device) -> bool:
        return str(device.pk) == str(self.context.get("current_sid"))


class TokenPairSerializer(Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()
    token_type = serializers.ChoiceField(choices=["Bearer"])
    expires_in = serializers.IntegerField(help_text="Seconds until the access token expires.")
    refresh_expires_in = serializers.IntegerField()


class LoginResponseSerializer(TokenPairSerializer):
    device = DeviceSerializer()


class RegisterResponseSerializer(UserSerializer):
    session = LoginResponseSerializer(
        read_only=True,
        help_text="The new user is signed in: a device session, as POST /auth/login opens.",
    )

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "session"]


def signed_in_data(signed_in) -> dict:
    """A sign-in's token pair and its device (login and register answer with it)."""
    return {
        **token_pair_data(signed_in.tokens),
        "device": DeviceSerializer(
            signed_in.device, context={"current_sid": signed_in.device.pk}
        ).data,
    }


def token_pair_data(tokens) -> dict:
    return {
        "access": tokens.access,
        "refresh": tokens.refresh,
        "token_type": "Bearer",
        "expires_in": tokens.access_expires_in,
        "refresh_expires_in": tokens.refresh_expires_in,
    }
