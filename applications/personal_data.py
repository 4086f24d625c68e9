"""Applications in "download my data" and "delete my account" (POL-PRIV-001, ADR 0072).

Deleting the account keeps each application — the job, the stage and its history are the
company's hiring record — without the cover letter or the résumé (its file is removed once
the deletion commits); the applicant becomes the anonymous account row."""

from django.db import transaction

from accounts import personal_data
from applications.models import Application, Notification
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


def erase(user) -> None:
    applications = Application.objects.filter(applicant=user)
    files = [name for name in applications.values_list("resume", flat=True) if name]
    applications.update(
        cover_letter="", resume="", resume_name="", resume_size=0, resume_content_type=""
    )
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
