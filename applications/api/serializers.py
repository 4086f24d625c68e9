from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applications.models import (
    RATING_MAX,
    RATING_MIN,
    ApplicantMessage,
    ApplicantNote,
    Application,
    MessageTemplate,
    Notification,
    Stage,
    StageChange,
)
from candidates.api.serializers import FitReasonSerializer
from jobboard.api.serializers import ModelSerializer, Serializer
from jobboard.limits import LETTER_MAX_CHARS, NOTE_MAX_CHARS


class ApplyStoredInputSerializer(Serializer):
    """One-click apply (POL-AP-006): one of the caller's stored résumés."""

    resume_id = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        help_text="One of the caller's stored résumés (`GET /me/resumes`).",
    )
    cover_letter = serializers.CharField(
        required=False, allow_blank=True, max_length=LETTER_MAX_CHARS
    )


class ApplyInputSerializer(ApplyStoredInputSerializer):
    """A new upload, or `resume_id` for a stored résumé: exactly one of the two."""

    resume = serializers.FileField(
        required=False, help_text="PDF or DOCX, at most 5 MB (POL-AP-002)."
    )
    resume_id = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text="Instead of `resume`: one of the caller's stored résumés (POL-AP-006).",
    )

    def validate(self, attrs):
        if ("resume" in attrs) == ("resume_id" in attrs):
            raise serializers.ValidationError(
                {"resume": [_("Send a résumé file or the id of a stored résumé (one of them).")]}
            )
        return attrs


NOTE_HELP = (
    "From the job's side, a private note (POL-AP-007: never shown to the applicant); from "
    "the applicant, the reason for withdrawing, shown in the timeline."
)


class TransitionInputSerializer(Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_CHARS, default="", help_text=NOTE_HELP
    )


class BulkTransitionInputSerializer(Serializer):
    applications = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=200,
        help_text="Applications to move; all move or none does.",
    )
    stage = serializers.ChoiceField(choices=Stage.choices)
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=NOTE_MAX_CHARS,
        default="",
        help_text="A private note on each moved application (POL-AP-007).",
    )


class BulkTransitionResultSerializer(Serializer):
    moved = serializers.ListField(child=serializers.IntegerField())
    stage = serializers.ChoiceField(choices=Stage.choices)


class StageChangeSerializer(ModelSerializer):
    from_stage = serializers.CharField(allow_blank=True)
    to_stage = serializers.ChoiceField(choices=Stage.choices)
    actor = serializers.SerializerMethodField()

    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "actor", "note", "created_at"]

    def get_actor(self, obj) -> str | None:
        return (obj.actor.name or obj.actor.email) if obj.actor else None


class ApplicationJobSerializer(Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    company = serializers.CharField(source="company.name")


class ApplicantSerializer(Serializer):
    """No email or phone here: contact details are their own, logged read (POL-AP-008)."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class ApplicantMessageSerializer(ModelSerializer):
    class Meta:
        model = ApplicantMessage
        fields = ["id", "subject", "body", "created_at"]


class ResumeInfoSerializer(Serializer):
    name = serializers.CharField(source="resume_name")
    size = serializers.IntegerField(source="resume_size")
    content_type = serializers.CharField(source="resume_content_type")
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return f"/api/v1/applications/{obj.pk}/resume"


class ApplicantFitSerializer(Serializer):
    """How well the applicant fits the job (POL-S-003), as the job's side sees it: the
    applicant's desired salary is not part of it (ADR 0083)."""

    score = serializers.IntegerField(min_value=0, max_value=100)
    reasons = FitReasonSerializer(many=True)
    matched_skills = serializers.ListField(
        child=serializers.SlugField(), help_text="Codes of the job's skills the applicant has."
    )


class ApplicationSerializer(ModelSerializer):
    job = ApplicationJobSerializer()
    applicant = ApplicantSerializer()
    stage = serializers.ChoiceField(choices=Stage.choices)
    resume = ResumeInfoSerializer(source="*")
    employer_viewed_at = serializers.DateTimeField(
        allow_null=True,
        read_only=True,
        help_text="POL-AP-005 (열람): when the job's owner first opened the application or "
        "its résumé; null while unread.",
    )
    fit = serializers.SerializerMethodField(
        help_text="POL-S-003: the applicant's fit to the job, in the list sorted by `fit` "
        "(the job's side only); null otherwise."
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "job",
            "applicant",
            "stage",
            "resume",
            "cover_letter",
            "employer_viewed_at",
            "created_at",
            "updated_at",
            "fit",
        ]

    # ApplicantFitSerializer's shape, inline: OpenAPI 3.0 validators refuse null for a
    # nullable allOf wrapper around a $ref.
    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                "score": {"type": "integer", "minimum": 0, "maximum": 100},
                "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/FitReason"}},
                "matched_skills": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Codes of the job's skills the applicant has.",
                },
            },
            "required": ["score", "reasons", "matched_skills"],
        }
    )
    def get_fit(self, obj: Application) -> dict | None:
        found = self.context.get("fits", {}).get(obj.pk)
        return ApplicantFitSerializer(found).data if found is not None else None


class ApplicationDetailSerializer(ApplicationSerializer):
    """What the applicant and the job's side both see: moves and messages, never private
    notes or ratings (POL-AP-007)."""

    history = StageChangeSerializer(many=True)
    messages = ApplicantMessageSerializer(many=True)

    class Meta(ApplicationSerializer.Meta):
        # The fit belongs to the applicant list (sorted by fit), not to one application.
        fields = [
            *(name for name in ApplicationSerializer.Meta.fields if name != "fit"),
            "history",
            "messages",
        ]


class PrivateNoteSerializer(ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = ApplicantNote
        fields = ["id", "body", "author", "created_at"]

    def get_author(self, obj) -> str | None:
        return (obj.author.name or obj.author.email) if obj.author else None


class PrivateNoteInputSerializer(Serializer):
    body = serializers.CharField(max_length=NOTE_MAX_CHARS)


class PrivateNotesSerializer(Serializer):
    rating = serializers.IntegerField(allow_null=True, min_value=RATING_MIN, max_value=RATING_MAX)
    notes = PrivateNoteSerializer(many=True)


class RatingInputSerializer(Serializer):
    score = serializers.IntegerField(min_value=RATING_MIN, max_value=RATING_MAX)


class RatingSerializer(Serializer):
    score = serializers.IntegerField(min_value=RATING_MIN, max_value=RATING_MAX)
    updated_at = serializers.DateTimeField()


class MessageTemplateSerializer(ModelSerializer):
    for_stage = serializers.CharField(allow_blank=True)

    class Meta:
        model = MessageTemplate
        fields = ["code", "title", "subject", "body", "for_stage"]


class MessageInputSerializer(Serializer):
    template = serializers.SlugRelatedField(
        slug_field="code",
        queryset=MessageTemplate.objects.filter(active=True),
        required=False,
        allow_null=True,
        help_text="A message template's code; its text fills what subject and body leave out.",
    )
    subject = serializers.CharField(required=False, allow_blank=True, max_length=150)
    body = serializers.CharField(required=False, allow_blank=True, max_length=LETTER_MAX_CHARS)


class ContactSerializer(Serializer):
    email = serializers.EmailField()
    phone = serializers.CharField(allow_blank=True)


class NotificationSerializer(ModelSerializer):
    text = serializers.CharField()
    params = serializers.DictField()
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "params", "link", "read", "read_at", "created_at"]

    def get_read(self, obj) -> bool:
        return obj.read_at is not None


class NotificationListSerializer(Serializer):
    unread = serializers.IntegerField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    limit = serializers.IntegerField()
    results = NotificationSerializer(many=True)


class MarkReadResultSerializer(Serializer):
    marked = serializers.IntegerField()
    unread = serializers.IntegerField()
