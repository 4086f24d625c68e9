from rest_framework import serializers

from alerts.models import Frequency, SavedSearch
from jobboard.api.serializers import ModelSerializer, Serializer
from jobs.api.serializers import JobListQuerySerializer


class SavedSearchFiltersSerializer(JobListQuerySerializer):
    """The filters of `GET /jobs`, without the sort (a digest has its own order)."""

    sort = None  # type: ignore[assignment]  # DRF removes a field set to None


class SavedSearchSerializer(ModelSerializer):
    filters = SavedSearchFiltersSerializer(
        help_text="The filters, as GET /jobs takes them; only those that narrow are listed."
    )

    class Meta:
        model = SavedSearch
        fields = ["id", "name", "frequency", "filters", "created_at"]


class SavedSearchCreateSerializer(Serializer):
    name = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Defaults to the keyword, or 'All jobs'.",
    )
    frequency = serializers.ChoiceField(
        choices=Frequency.choices,
        default=Frequency.DAILY,
        help_text="How often its new jobs are emailed: `daily`, `weekly` or `never`.",
    )
    filters = SavedSearchFiltersSerializer(required=False, default=dict)


class SavedSearchUpdateSerializer(Serializer):
    name = serializers.CharField(max_length=100, required=False)
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False)
