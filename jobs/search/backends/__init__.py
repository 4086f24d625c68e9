"""Which search backend serves job search: `SEARCH_BACKEND` (a dotted path to a
SearchBackend class), the database by default (ADR 0059)."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from jobs.search.backends.base import SearchBackend


@cache
def get_backend() -> SearchBackend:
    return import_string(settings.SEARCH_BACKEND)()
