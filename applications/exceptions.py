from jobboard.errors import Conflict, NotFound, PermissionDenied


class AlreadyApplied(Conflict):
    title = "Already applied"
    type_slug = "already-applied"


class JobNotOpen(Conflict):
    title = "Job not open"
    type_slug = "job-not-open"


class StageMoveForbidden(Conflict):
    title = "Stage move not allowed"
    type_slug = "stage-move-forbidden"


class ApplicationNotFound(NotFound):
    type_slug = "application-not-found"


class NotAllowed(PermissionDenied):
    pass
