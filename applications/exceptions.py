from jobboard.errors import Conflict, DomainError, NotFound, PermissionDenied


class AlreadyApplied(Conflict):
    title = "Already applied"
    type_slug = "already-applied"


class JobNotOpen(Conflict):
    title = "Job not open"
    type_slug = "job-not-open"


class StageMoveForbidden(Conflict):
    title = "Stage move not allowed"
    type_slug = "stage-move-forbidden"

    def __init__(self, detail: str = "", *, field: str | None = None, refused=()):
        super().__init__(detail, field=field)
        # The bulk move names the applications it could not move (POL-AP-003).
        self.refused = list(refused)


class InvalidInput(DomainError):
    """A value the rules refuse (an empty note, a rating outside 1–5)."""

    title = "Invalid input"
    type_slug = "invalid-input"


class ApplicationNotFound(NotFound):
    type_slug = "application-not-found"


class NotAllowed(PermissionDenied):
    pass
