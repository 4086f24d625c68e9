"""Every write of the jobseeker's own data (POL-AP-006)."""

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from candidates.exceptions import ProfileInvalid, TooManyResumes
from candidates.models import (
    MAX_STORED_RESUMES,
    RECENTLY_VIEWED_KEEP,
    Profile,
    RecentlyViewedJob,
    SavedJob,
    StoredResume,
    normalize_phone,
)
from candidates.policies import can_edit_profile, can_manage_resumes, can_save_jobs
from candidates.resume_text import resume_text
from candidates.resumes import EXTENSIONS, detect_resume_type
from candidates.selectors import stored_resume_get
from jobboard.errors import PermissionDenied
from jobboard.replicas import without_pin
from jobs.matching.store import extract_skills
from jobs.models import Job, Skill

PROFILE_FIELDS = (
    "headline",
    "summary",
    "phone",
    "experience_years",
    "education",
    "desired_salary_manwon",
)
PROFILE_LISTS = ("desired_categories", "desired_locations", "skills")


def profile_update(*, user: User, **changes: Any) -> Profile:
    """Creates or changes the user's profile; only the fields given change (PATCH). The
    lists (categories, locations, skills) are replaced as a whole. Matching (POL-S-003)
    reads what is saved here."""
    unknown = set(changes) - {*PROFILE_FIELDS, *PROFILE_LISTS}
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    with transaction.atomic():
        profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
        if not can_edit_profile(user, profile):
            raise PermissionDenied(_("Only jobseekers keep a profile."))
        for name in PROFILE_FIELDS:
            if name in changes:
                value = changes[name]
                if name == "phone":
                    value = normalize_phone(value or "")
                elif name in ("headline", "summary", "education"):
                    value = (value or "").strip()
                setattr(profile, name, value)
        try:
            profile.full_clean(exclude=["user"])
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise ProfileInvalid(" ".join(messages), field=field) from exc
        profile.save()
        for name in PROFILE_LISTS:
            if name in changes:
                getattr(profile, name).set(list(changes[name]))
    return profile


def _lock_owner(user: User) -> None:
    """Serialises changes to one user's résumés: the count (POL-AP-006's five) and the one
    default are read and written under this lock."""
    User.objects.select_for_update().filter(pk=user.pk).first()


def stored_resume_add(
    *,
    user: User,
    resume: UploadedFile[bytes] | File[bytes],
    title: str = "",
    make_default: bool = False,
) -> StoredResume:
    """Keeps a résumé for one-click apply, checked by content like an upload (POL-AP-002).
    The first one is the default; at most MAX_STORED_RESUMES (POL-AP-006)."""
    if not can_manage_resumes(user):
        raise PermissionDenied(_("Only jobseekers keep résumés."))
    content_type = detect_resume_type(resume)
    found = extract_skills(resume_text(resume, content_type))  # matching only (POL-S-003)
    original_name = (getattr(resume, "name", "") or f"resume.{EXTENSIONS[content_type]}")[-255:]
    original_name = original_name.rsplit("/", 1)[-1]
    stored = StoredResume(
        owner=user,
        title=(title or "").strip()[:100] or original_name[:100],
        original_name=original_name,
        size=resume.size or 0,  # detect_resume_type refused empty files
        content_type=content_type,
    )
    try:
        with transaction.atomic():
            _lock_owner(user)
            count = StoredResume.objects.filter(owner=user).count()
            if count >= MAX_STORED_RESUMES:
                raise TooManyResumes(
                    _("You can keep at most %(count)d résumés. Delete one first.")
                    % {"count": MAX_STORED_RESUMES}
                )
            stored.is_default = make_default or count == 0
            if stored.is_default:
                StoredResume.objects.filter(owner=user, is_default=True).update(is_default=False)
            stored.file.save("resume", resume, save=False)
            stored.save()
            stored.skills.set(Skill.objects.filter(code__in=found, is_active=True))
    except BaseException:
        # Nothing half-done: a refused or failed save leaves no file behind.
        if stored.file.name:
            stored.file.storage.delete(stored.file.name)
        raise
    return stored


def stored_resume_set_default(*, user: User, resume_id: int) -> StoredResume:
    """Makes one stored résumé the default (one-click apply's preselected one)."""
    with transaction.atomic():
        _lock_owner(user)
        resume = _owned(user, resume_id)
        StoredResume.objects.filter(owner=user, is_default=True).exclude(pk=resume.pk).update(
            is_default=False
        )
        if not resume.is_default:
            resume.is_default = True
            resume.save(update_fields=["is_default"])
    return resume


def stored_resume_delete(*, user: User, resume_id: int) -> None:
    """Deletes a stored résumé and its file (after commit); if it was the default, the
    newest remaining one becomes the default. Applications keep their own copy."""
    with transaction.atomic():
        _lock_owner(user)
        resume = _owned(user, resume_id)
        storage, name = resume.file.storage, resume.file.name
        resume.delete()
        if resume.is_default:
            newest = StoredResume.objects.filter(owner=user).order_by("-created_at", "-id").first()
            if newest is not None:
                newest.is_default = True
                newest.save(update_fields=["is_default"])
        if name:
            transaction.on_commit(lambda: storage.delete(name))


def stored_resume_open(*, user: User, resume_id: int) -> tuple[StoredResume, File[bytes]]:
    """One of the user's own stored résumés and its open file."""
    resume = _owned(user, resume_id)
    return resume, resume.file.storage.open(str(resume.file.name), "rb")


def _owned(user: User, resume_id: int) -> StoredResume:
    if not can_manage_resumes(user):
        raise PermissionDenied(_("Only jobseekers keep résumés."))
    return stored_resume_get(user=user, resume_id=resume_id)


def recently_viewed_record(*, user: User, job: Job, listed: Collection[int] | None = None) -> None:
    """Remembers that a jobseeker opened `job`: newest first, at most RECENTLY_VIEWED_KEEP
    kept (POL-AP-006's recently viewed list); other users are not tracked. `listed`: the job
    ids in the list as the job page read them with the job (candidates.selectors.
    recently_viewed_ids_expression), else counted here.

    Several pages of one jobseeker at once, and a list read on a lagging replica, are safe
    (ADR 0087): one upsert that touches only this job's row and, when the list is full, one
    delete of what lies beyond the newest RECENTLY_VIEWED_KEEP as the primary has them then,
    so a job viewed again meanwhile is never the one dropped. Neither statement waits on
    another's rows for long nor pins the visitor to the primary."""
    if not can_edit_profile(user):
        return
    mine = RecentlyViewedJob.objects.filter(user=user)
    others = len(set(listed) - {job.pk}) if listed is not None else mine.exclude(job=job).count()
    with without_pin():
        RecentlyViewedJob.objects.bulk_create(
            [RecentlyViewedJob(user=user, job=job, viewed_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["user", "job"],
            update_fields=["viewed_at"],
        )
        if others >= RECENTLY_VIEWED_KEEP:
            newest = mine.order_by("-viewed_at", "-id").values("pk")[:RECENTLY_VIEWED_KEEP]
            mine.exclude(pk__in=newest).delete()


def saved_job_add(*, user: User, job: Job) -> SavedJob:
    """Saves a job (스크랩, POL-S-002); saving it again changes nothing."""
    if not can_save_jobs(user):
        raise PermissionDenied(_("Only jobseekers save jobs."))
    saved, _created = SavedJob.objects.get_or_create(user=user, job=job)
    return saved


def saved_job_remove(*, user: User, job: Job) -> None:
    """Un-saves a job (its reminders go with it); removing an unsaved job changes nothing."""
    if not can_save_jobs(user):
        raise PermissionDenied(_("Only jobseekers save jobs."))
    SavedJob.objects.filter(user=user, job=job).delete()
