"""Errors of the jobseeker's own data: profile, stored résumés, saved jobs."""

from django.utils.translation import gettext_lazy as _

from jobboard.errors import Conflict, DomainError, NotFound


class ResumeInvalid(DomainError):
    """POL-AP-002: not a PDF or DOCX by content, or unsafe."""

    title = "Invalid résumé"
    type_slug = "resume-invalid"

    def __init__(self, detail: str = ""):
        super().__init__(str(detail or _("Upload a PDF or DOCX file.")), field="resume")


class ResumeTooLarge(ResumeInvalid):
    status = 413
    title = "Résumé too large"
    type_slug = "resume-too-large"


class TooManyResumes(Conflict):
    """POL-AP-006: at most MAX_STORED_RESUMES stored résumés."""

    title = "Too many stored résumés"
    type_slug = "too-many-resumes"

    def __init__(self, detail: str):
        super().__init__(detail, field="resume")


class StoredResumeNotFound(NotFound):
    type_slug = "stored-resume-not-found"


class ProfileInvalid(DomainError):
    title = "Invalid profile"
    type_slug = "profile-invalid"
