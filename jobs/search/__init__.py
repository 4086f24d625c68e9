"""Job search that understands Korean (POL-S-001): analysis (ADR 0054), synonyms (ADR
0055), the backend seam (ADR 0059). Callers use `parse` and `get_backend` only."""

from jobs.search.backends import get_backend
from jobs.search.query import ParsedQuery, parse_query

__all__ = ["ParsedQuery", "get_backend", "parse"]


def parse(text: str) -> ParsedQuery:
    """The query as the index understands it, with the admin's synonyms applied."""
    from jobs.search.synonyms import synonym_map  # noqa: PLC0415 - needs the models

    return parse_query(text, synonym_map()) if text and text.strip() else parse_query("")
