"""A saved search keeps jobs.selectors.JobFilters as JSON; these turn one into the other."""

from dataclasses import asdict, fields
from typing import Any

from jobs.selectors import JobFilters

# The sort is the list page's choice of the moment; a digest has its own order.
NOT_KEPT = ("sort",)


def filters_to_json(filters: JobFilters) -> dict[str, Any]:
    """Only the fields that narrow the search, so two equal searches store equal JSON."""
    defaults = JobFilters()
    data = {}
    for name, value in asdict(filters).items():
        if name in NOT_KEPT or value == getattr(defaults, name):
            continue
        data[name] = list(value) if isinstance(value, tuple) else value
    return data


def filters_from_json(data: dict[str, Any]) -> JobFilters:
    known = {f.name for f in fields(JobFilters)} - set(NOT_KEPT)
    kept = {k: v for k, v in data.items() if k in known}
    if "skills" in kept:
        kept["skills"] = tuple(kept["skills"])
    return JobFilters(**kept)


def list_query(filters_json: dict[str, Any]) -> str:
    """The job list page's query string that runs a saved search again."""
    from jobs.forms import JobSearchForm  # forms build choice lists from the database

    return JobSearchForm.query_of(filters_from_json(filters_json)).urlencode()
