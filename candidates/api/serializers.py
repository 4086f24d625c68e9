from rest_framework import serializers

from candidates.models import PROFILE_EDUCATION_CHOICES, Profile, StoredResume
from candidates.services import PROFILE_LISTS
from jobboard.api.serializers import ModelSerializer, Serializer
from jobboard.limits import NOTE_MAX_CHARS
from jobs.api.serializers import JobListItemSerializer
from jobs.models import Category, Location, Skill


def _codes(model, help_text: str) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=model.objects.filter(is_active=True),
        required=False,
        help_text=help_text,
    )


class ProfileSerializer(ModelSerializer):
    """POL-AP-006. Lists carry the shared codes (`GET /jobs?category=…` uses the same)."""

    headline = serializers.CharField(max_length=100, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=NOTE_MAX_CHARS, required=False, allow_blank=True)
    phone = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="Korean format, e.g. 010-1234-5678; shown to the companies applied to "
        "(POL-AP-008).",
    )
    desired_salary_manwon = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=100_000,
        help_text="Desired yearly salary in 만원 (10,000 KRW).",
    )
    experience_years = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=60, help_text="0: 신입."
    )
    education = serializers.ChoiceField(
        choices=PROFILE_EDUCATION_CHOICES,
        required=False,
        allow_blank=True,
        help_text="The highest level reached; empty when not stated.",
    )
    desired_categories = _codes(Category, "Desired job category codes.")
    desired_locations = _codes(Location, "Desired location codes.")
    skills = _codes(Skill, "Skill codes from the shared list.")

    class Meta:
        model = Profile
        fields = [
            "headline",
            "summary",
            "phone",
            "experience_years",
            "education",
            "desired_salary_manwon",
            "desired_categories",
            "desired_locations",
            "skills",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        extra_kwargs = {"updated_at": {"allow_null": True}}

    def to_representation(self, instance):
        if instance.pk is not None:
            return super().to_representation(instance)
        # Not saved yet (profile_get never writes): no lists to read.
        data = {}
        for name, field in self.fields.items():
            value = [] if name in PROFILE_LISTS else getattr(instance, name)
            data[name] = None if value is None else field.to_representation(value)
        return data


class StoredResumeSerializer(ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = StoredResume
        fields = [
            "id",
            "title",
            "original_name",
            "size",
            "content_type",
            "is_default",
            "created_at",
            "url",
        ]

    def get_url(self, obj) -> str:
        return f"/api/v1/me/resumes/{obj.pk}/file"


class StoredResumeInputSerializer(Serializer):
    resume = serializers.FileField(help_text="PDF or DOCX, at most 5 MB (POL-AP-002).")
    title = serializers.CharField(required=False, allow_blank=True, max_length=100)
    is_default = serializers.BooleanField(
        required=False, default=False, help_text="Make it the default (the first one always is)."
    )


class SavedJobJobSerializer(Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    company = serializers.CharField(source="company.name")
    deadline = serializers.DateField(allow_null=True, help_text="None: 상시채용 (no deadline).")
    is_open = serializers.SerializerMethodField()

    def get_is_open(self, obj) -> bool:
        return obj.is_open()


class SavedJobSerializer(Serializer):
    job = SavedJobJobSerializer()
    saved_at = serializers.DateTimeField(source="created_at")


class FitReasonSerializer(Serializer):
    code = serializers.ChoiceField(
        choices=["skills", "category", "location", "experience", "salary", "education"]
    )
    met = serializers.BooleanField(help_text="true: the job fits here; false: a gap.")
    text = serializers.CharField(help_text="The reason in the request's language (Korean first).")


class RecommendationSerializer(Serializer):
    """One recommended job with its fit (POL-S-003)."""

    job = JobListItemSerializer()
    score = serializers.IntegerField(source="fit.score", min_value=0, max_value=100)
    reasons = FitReasonSerializer(source="fit.reasons", many=True)
    matched_skills = serializers.ListField(
        source="fit.matched_skills",
        child=serializers.SlugField(),
        help_text="Codes of the job's skills the jobseeker has.",
    )


class RecommendationListSerializer(Serializer):
    count = serializers.IntegerField()
    results = RecommendationSerializer(many=True)
