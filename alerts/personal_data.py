"""Saved searches in "download my data" and "delete my account" (POL-PRIV-001)."""

from accounts import personal_data
from alerts.filters import list_query
from alerts.models import SavedSearch


def export(user) -> list[dict]:
    return [
        {
            "name": search.name,
            "filters": search.filters,
            "list_query": list_query(search.filters),
            "frequency": search.frequency,
            "created_at": search.created_at.isoformat(),
        }
        for search in SavedSearch.objects.filter(user=user)
    ]


def erase(user) -> None:
    SavedSearch.objects.filter(user=user).delete()


def register() -> None:
    personal_data.register("saved_searches", export=export, erase=erase)
