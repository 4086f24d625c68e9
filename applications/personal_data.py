"""Applications in "download my data" and "delete my account" (POL-PRIV-001, ADR 0072).

Deleting the account keeps each application — the job, the stage and its history are the
company's hiring record — without the cover letter or the résumé (its file is removed once
the deletion commits); the applicant becomes the anonymous account row. Messages to the
applicant keep when they were sent but lose their words: they were addressed to the person
(a template fills in their name). A recruiter's notes, ratings and messages are the
company's record and stay, their author now the anonymous row; the recruiter downloads
what they wrote. The private notes and ratings about an applicant are never in the
applicant's download (POL-AP-007)."""

from django.db import transaction

from accounts import personal_data
from applications.models import (
    ApplicantMessage,
    ApplicantNote,
    ApplicantRating,
    Application,
    Notification,
)
from candidates.storage import resume_storage


def export_applications(user) -> list[dict]:
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("job")
        .prefetch_related("history")
        .order_by("created_at")
    )
    return [
        {
            "id": application.pk,
            "job": {"id": application.job_id, "title": application.job.title},
            "company": application.job.company_name,
            "stage": application.stage,
            "applied_at": application.created_at.isoformat(),
            "cover_letter": application.cover_letter,
            "resume": application.resume_name or None,
            # From, to and when: the recruiter's notes are theirs (POL-AP-007).
            "history": [
                {"from": c.from_stage, "to": c.to_stage, "at": c.created_at.isoformat()}
                for c in application.history.all()
            ],
        }
        for application in applications
    ]


def export_resumes(user) -> list[dict]:
    return [
        {
            "application_id": row["pk"],
            "name": row["resume_name"],
            "size": row["resume_size"],
            "content_type": row["resume_content_type"],
            "uploaded_at": row["created_at"].isoformat(),
        }
        for row in Application.objects.filter(applicant=user)
        .exclude(resume="")
        .values("pk", "resume_name", "resume_size", "resume_content_type", "created_at")
    ]


def _message(message: ApplicantMessage) -> dict:
    return {
        "application_id": message.application_id,
        "job": message.application.job.title,
        "subject": message.subject,
        "body": message.body,
        "sent_at": message.created_at.isoformat(),
    }


def export_messages_received(user) -> list[dict]:
    messages = ApplicantMessage.objects.filter(application__applicant=user)
    return [_message(m) for m in messages.select_related("application__job")]


def export_messages_sent(user) -> list[dict]:
    messages = ApplicantMessage.objects.filter(sender=user)
    return [_message(m) for m in messages.select_related("application__job")]


def export_notes_written(user) -> list[dict]:
    return [
        {
            "application_id": note.application_id,
            "job": note.application.job.title,
            "note": note.body,
            "written_at": note.created_at.isoformat(),
        }
        for note in ApplicantNote.objects.filter(author=user).select_related("application__job")
    ]


def export_ratings_given(user) -> list[dict]:
    return [
        {
            "application_id": rating.application_id,
            "rating": rating.score,
            "updated_at": rating.updated_at.isoformat(),
        }
        for rating in ApplicantRating.objects.filter(rated_by=user)
    ]


def erase(user) -> None:
    applications = Application.objects.filter(applicant=user)
    files = [name for name in applications.values_list("resume", flat=True) if name]
    applications.update(
        cover_letter="", resume="", resume_name="", resume_size=0, resume_content_type=""
    )
    ApplicantMessage.objects.filter(application__applicant=user).update(subject="", body="")
    Notification.objects.filter(user=user).delete()

    def remove_files() -> None:
        storage = resume_storage()
        for name in files:
            storage.delete(name)

    # After the commit: a deletion that fails half-way must leave the files too.
    transaction.on_commit(remove_files)


def register() -> None:
    personal_data.register("applications", export=export_applications, erase=erase)
    personal_data.register("resumes", export=export_resumes)
    personal_data.register("messages_received", export=export_messages_received)
    personal_data.register("messages_sent", export=export_messages_sent)
    personal_data.register("notes_written", export=export_notes_written)
    personal_data.register("ratings_given", export=export_ratings_given)
