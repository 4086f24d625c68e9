"""POL-AP-007, POL-AP-008 as data: the roles' new permissions, the two message templates an
admin starts from, and the recruiters' stage-move notes made private.

Before this, a note written with a stage move sat on the StageChange row that the
applicant's timeline shows word for word. A note written by the job's side moves to
ApplicantNote (private); the applicant's own withdrawal reason stays on the row."""

from django.db import migrations
from django.db.models import F

from accounts.rbac import grant, revoke

ROLE_PERMISSIONS = {
    "recruiter": [
        "applications.view_applicantnote",
        "applications.add_applicantnote",
        "applications.view_applicant_contact",
        "applications.add_applicantmessage",
    ],
    "admin": [
        "applications.view_applicantnote",
        "applications.add_applicantnote",
        "applications.view_applicant_contact",
        "applications.add_applicantmessage",
        "applications.view_applicantmessage",
        "applications.view_contactview",
        "applications.view_messagetemplate",
        "applications.add_messagetemplate",
        "applications.change_messagetemplate",
        "applications.delete_messagetemplate",
    ],
}

TEMPLATES = [
    {
        "code": "rejection",
        "title": "불합격 안내",
        "subject": "[{job}] 전형 결과 안내",
        "body": (
            "{name} 님, “{job}” 포지션에 관심을 가지고 지원해 주셔서 감사합니다.\n\n"
            "신중히 검토한 끝에 아쉽게도 이번에는 함께하기 어렵다는 결론을 내렸습니다.\n"
            "사유: \n\n"
            "앞으로의 여정을 응원합니다."
        ),
        "for_stage": "rejected",
    },
    {
        "code": "interview-invitation",
        "title": "면접 안내",
        "subject": "[{job}] 면접 안내",
        "body": (
            "{name} 님, “{job}” 포지션에 지원해 주셔서 감사합니다.\n\n"
            "서류 전형에 합격하셨으며 면접에 모시고자 합니다.\n"
            "일시: \n장소: \n\n"
            "가능한 일정을 회신해 주세요."
        ),
        "for_stage": "interview",
    },
]


def make_stage_notes_private(apps) -> int:
    """Moves the job side's stage-move notes to private notes; returns how many."""
    stage_change = apps.get_model("applications", "StageChange")
    note_model = apps.get_model("applications", "ApplicantNote")
    employer_notes = stage_change.objects.exclude(note="").exclude(
        actor_id=F("application__applicant_id")
    )
    for change in employer_notes.iterator():
        note_model.objects.create(
            application_id=change.application_id,
            author_id=change.actor_id,
            body=change.note,
            stage_change=change,
            created_at=change.created_at,
        )
    return employer_notes.update(note="")


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)
    template_model = apps.get_model("applications", "MessageTemplate")
    for template in TEMPLATES:
        template_model.objects.get_or_create(code=template["code"], defaults=template)
    make_stage_notes_private(apps)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("applications", "0006_recruiter_notes_messages_contact")]
    operations = [migrations.RunPython(forwards, backwards)]
