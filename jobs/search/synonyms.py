"""Synonyms as data (POL-S-001, ADR 0055): read from SearchSynonym when a query is parsed,
so an admin's edit applies to the next search without re-indexing. The map is kept per
process and reloaded when the version in the shared cache moves (every edit moves it)."""

from __future__ import annotations

import uuid

from django.core.cache import cache

from jobs.search.analysis import Word, analyze
from jobs.search.query import synonym_key

VERSION_KEY = "search:synonyms-version"
_loaded: dict = {"version": None, "map": {}}


def bump_version() -> None:
    # A fresh random token, not a counter: a counter restarting after a cache flush could
    # repeat a version a process has already loaded.
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def build_map(groups: list[list[str]]) -> dict[str, list[list[Word]]]:
    """key (a one-word member's stem) → every other member, each as its analysed words."""
    mapping: dict[str, list[list[Word]]] = {}
    for terms in groups:
        members = [[w for w in analyze(t) if w.stem] for t in terms]
        members = [m for m in members if m]
        for member in members:
            if len(member) != 1:
                continue  # "machine learning" is found through its words, not as a key
            others = [m for m in members if m is not member]
            mapping.setdefault(synonym_key(member[0]), []).extend(others)
    return mapping


def synonym_map() -> dict[str, list[list[Word]]]:
    from jobs.models import SearchSynonym  # noqa: PLC0415 - models import this package

    version = cache.get(VERSION_KEY, "")
    if _loaded["version"] != version:
        rows = SearchSynonym.objects.filter(is_active=True).values_list("terms", flat=True)
        groups = [[t.strip() for t in row.split(",") if t.strip()] for row in rows]
        _loaded.update(version=version, map=build_map(groups))
    return _loaded["map"]
