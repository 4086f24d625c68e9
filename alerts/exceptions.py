from jobboard.errors import Conflict, DomainError, NotFound


class SavedSearchInvalid(DomainError):
    title = "Invalid saved search"
    type_slug = "saved-search-invalid"


class TooManySavedSearches(Conflict):
    """POL-S-002: at most MAX_SAVED_SEARCHES per jobseeker."""

    title = "Too many saved searches"
    type_slug = "too-many-saved-searches"


class SavedSearchNotFound(NotFound):
    title = "Saved search not found"
    type_slug = "saved-search-not-found"
