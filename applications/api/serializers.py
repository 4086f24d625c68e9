from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from applications.models import Application, Notification, Stage, StageChange
from jobboard.limits import LETTER_MAX_CHARS, NOTE_MAX_CHARS


class ApplyStoredInputSerializer(serializers.Serializer):
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


class TransitionInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=NOTE_MAX_CHARS, default=""
    )


class StageChangeSerializer(serializers.ModelSerializer):
    from_stage = serializers.CharField(allow_blank=True)
    to_stage = serializers.ChoiceField(choices=Stage.choices)
    actor = serializers.SerializerMethodField()

    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "actor", "note", "created_at"]

    def get_actor(self, obj) -> str | None:
        return (obj.actor.name or obj.actor.email) if obj.actor else None


class ApplicationJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    company = serializers.CharField(source="company.name")


class ApplicantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()


class ResumeInfoSerializer(serializers.Serializer):
    name = serializers.CharField(source="resume_name")
    size = serializers.IntegerField(source="resume_size")
    content_type = serializers.CharField(source="resume_content_type")
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return f"/api/v1/applications/{obj.pk}/resume"


class ApplicationSerializer(serializers.ModelSerializer):
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
        ]


class ApplicationDetailSerializer(ApplicationSerializer):
    history = StageChangeSerializer(many=True)

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "history"]


class NotificationSerializer(serializers.ModelSerializer):
    text = serializers.CharField()
    params = serializers.DictField()
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "params", "link", "read", "read_at", "created_at"]

    def get_read(self, obj) -> bool:
        return obj.read_at is not None


class NotificationListSerializer(serializers.Serializer):
    unread = serializers.IntegerField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    limit = serializers.IntegerField()
    results = NotificationSerializer(many=True)


class MarkReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
    unread = serializers.IntegerField()
