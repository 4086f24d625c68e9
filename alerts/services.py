"""Writes of saved searches (POL-S-002): save, change, delete, unsubscribe."""

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from alerts.exceptions import SavedSearchInvalid, TooManySavedSearches
from alerts.filters import filters_to_json
from alerts.models import Frequency, SavedSearch
from alerts.policies import can_save_search
from alerts.selectors import saved_search_get
from jobboard.errors import PermissionDenied
from jobs.selectors import JobFilters

MAX_SAVED_SEARCHES = 20  # POL-S-002
UNSUBSCRIBE_SALT = "alerts.unsubscribe"


def _check_frequency(frequency: str) -> None:
    if frequency not in Frequency.values:
        raise SavedSearchInvalid(_("Choose daily, weekly or no email."), field="frequency")


def saved_search_create(
    *, user: User, filters: JobFilters, frequency: str, name: str = "", language: str = "ko"
) -> SavedSearch:
    """Keep the search (its filters; not its sort) with a digest frequency. At most
    MAX_SAVED_SEARCHES per user, counted under a lock on the user's row so two saves at once
    cannot both pass the count."""
    if not can_save_search(user):
        raise PermissionDenied(_("Only jobseekers save searches."))
    _check_frequency(frequency)
    name = name.strip()[:100] or filters.q.strip()[:100] or _("All jobs")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
            raise TooManySavedSearches(
                _("You can keep up to %(count)d saved searches; delete one first.")
                % {"count": MAX_SAVED_SEARCHES}
            )
        return SavedSearch.objects.create(
            user=user,
            name=name,
            filters=filters_to_json(filters),
            frequency=frequency,
            language=language[:8],
        )


def saved_search_update(
    *, user: User, pk: int, frequency: str | None = None, name: str | None = None
) -> SavedSearch:
    search = saved_search_get(user=user, pk=pk)
    if frequency is not None:
        _check_frequency(frequency)
        search.frequency = frequency
    if name is not None and name.strip():
        search.name = name.strip()[:100]
    search.save(update_fields=["frequency", "name"])
    return search


def saved_search_delete(*, user: User, pk: int) -> None:
    saved_search_get(user=user, pk=pk).delete()


def unsubscribe_token(search: SavedSearch) -> str:
    """Signed with SECRET_KEY: names the search, and only someone holding the email has it.
    It does not expire — an unsubscribe link must keep working in old emails."""
    return signing.dumps(search.pk, salt=UNSUBSCRIBE_SALT)


def saved_search_from_token(token: str) -> SavedSearch | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return SavedSearch.objects.filter(pk=pk).select_related("user").first()


def saved_search_unsubscribe(*, token: str) -> SavedSearch | None:
    """One-click unsubscribe, no sign-in (POL-S-002): the search stays, its emails stop.
    None for a token that is forged or names a deleted search."""
    search = saved_search_from_token(token)
    if search is not None and search.frequency != Frequency.NEVER:
        search.frequency = Frequency.NEVER
        search.save(update_fields=["frequency"])
    return search
