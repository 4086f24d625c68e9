"""The jobseeker's profile, stored résumés, saved jobs and viewing history in "download my
data" and "delete my account" (POL-PRIV-001, ADR 0072): all are the person's own, so
deleting the account deletes them, the résumé files once the deletion commits."""

from django.db import transaction

from accounts import personal_data
from candidates.models import Profile, RecentlyViewedJob, SavedJob, StoredResume
from candidates.storage import resume_storage


def export_profile(user) -> dict | None:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "headline": profile.headline,
        "summary": profile.summary,
        "phone": profile.phone,
        "experience_years": profile.experience_years,
        "education": profile.education,
        "desired_salary_manwon": profile.desired_salary_manwon,
        "desired_categories": list(profile.desired_categories.values_list("code", flat=True)),
        "desired_locations": list(profile.desired_locations.values_list("code", flat=True)),
        "skills": list(profile.skills.values_list("code", flat=True)),
        "updated_at": profile.updated_at.isoformat(),
    }


def export_stored_resumes(user) -> list[dict]:
    return [
        {
            "title": resume.title,
            "name": resume.original_name,
            "size": resume.size,
            "content_type": resume.content_type,
            "is_default": resume.is_default,
            "created_at": resume.created_at.isoformat(),
        }
        for resume in StoredResume.objects.filter(owner=user)
    ]


def export_saved_jobs(user) -> list[dict]:
    saved = SavedJob.objects.filter(user=user).select_related("job").prefetch_related("reminders")
    return [
        {
            "job": {"id": row.job_id, "title": row.job.title},
            "company": row.job.company_name,
            "saved_at": row.created_at.isoformat(),
            "reminders_sent": [
                {"days_before": r.days_before, "sent_at": r.sent_at.isoformat()}
                for r in row.reminders.all()
            ],
        }
        for row in saved
    ]


def export_recently_viewed(user) -> list[dict]:
    views = RecentlyViewedJob.objects.filter(user=user).select_related("job")
    return [
        {"job": {"id": row.job_id, "title": row.job.title}, "viewed_at": row.viewed_at.isoformat()}
        for row in views.order_by("-viewed_at")
    ]


def erase(user) -> None:
    SavedJob.objects.filter(user=user).delete()  # their reminders go with them
    RecentlyViewedJob.objects.filter(user=user).delete()
    resumes = StoredResume.objects.filter(owner=user)
    files = [name for name in resumes.values_list("file", flat=True) if name]
    resumes.delete()
    Profile.objects.filter(user=user).delete()

    def remove_files() -> None:
        storage = resume_storage()
        for name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)  # a deletion that fails half-way keeps the files


def register() -> None:
    personal_data.register("profile", export=export_profile, erase=erase)
    personal_data.register("stored_resumes", export=export_stored_resumes)
    personal_data.register("saved_jobs", export=export_saved_jobs)
    personal_data.register("recently_viewed", export=export_recently_viewed)
