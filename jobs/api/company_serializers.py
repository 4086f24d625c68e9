"""Company profile, as the API reads and writes it (POL-J-007)."""

from django.core.validators import URLValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.company_services import MAX_BENEFIT_LENGTH, MAX_BENEFITS
from accounts.models import Company
from jobboard.api.serializers import ModelSerializer, Serializer
from jobs.display import logo_url


# A homepage URL or "" (none). Declared as a plain string: a URL field that allows blanks
# becomes a oneOf in the spec that "" matches twice.
def _website(**kwargs):
    return serializers.CharField(
        allow_blank=True,
        max_length=200,
        help_text="The company's homepage (http or https URL), or empty.",
        **kwargs,
    )


class CompanySerializer(ModelSerializer):
    website = _website(read_only=True)
    logo = serializers.SerializerMethodField(
        help_text="Path of the company's 256 px logo (PNG), or null when it has none."
    )
    logo_small = serializers.SerializerMethodField(
        help_text="Path of the company's 96 px logo (PNG), or null when it has none."
    )
    open_jobs = serializers.IntegerField(
        read_only=True, help_text="How many of its jobs take applications now."
    )

    class Meta:
        model = Company
        fields = [
            "id",
            "name",
            "industry",
            "size",
            "founded_year",
            "address",
            "website",
            "description",
            "benefits",
            "logo",
            "logo_small",
            "open_jobs",
        ]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_logo(self, company) -> str | None:
        return logo_url(company, 256)

    @extend_schema_field({"type": "string", "nullable": True})
    def get_logo_small(self, company) -> str | None:
        return logo_url(company, 96)


class CompanyWriteSerializer(ModelSerializer):
    """The fields its recruiters change; rules across them are accounts.company_services'."""

    website = _website(required=False, validators=[URLValidator(schemes=["http", "https"])])
    benefits = serializers.ListField(
        child=serializers.CharField(max_length=MAX_BENEFIT_LENGTH),
        max_length=MAX_BENEFITS,
        required=False,
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "industry",
            "size",
            "founded_year",
            "address",
            "website",
            "description",
            "benefits",
        ]


class LogoUploadSerializer(Serializer):
    logo = serializers.FileField(help_text="PNG, JPEG, WebP or GIF, at most 2 MB.")


class CompanyRefListSerializer(ModelSerializer):
    logo = serializers.SerializerMethodField(
        help_text="Path of the company's 96 px logo (PNG), or null when it has none."
    )

    class Meta:
        model = Company
        fields = ["id", "name", "industry", "logo"]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_logo(self, company) -> str | None:
        return logo_url(company, 96)
