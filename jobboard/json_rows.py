"""Rows of another table carried in each row of a query, as one JSON array: a page reads a
job's skills and options, or a user's permissions, with the row itself instead of one
more query each (issue 17's budget of 4 queries per request)."""

from datetime import UTC, datetime
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    F,
    Func,
    IntegerField,
    JSONField,
    Model,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import BaseExpression
from django.db.models.functions import JSONObject
from django.utils import timezone


class JSONGroupArray(Aggregate):
    """SQLite's json_group_array; its order is not defined, the readers sort."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()


def json_array(rows: QuerySet, value: BaseExpression | F) -> BaseExpression:
    """A correlated subquery answering `value` of each of `rows` as one array (a list when
    read). PostgreSQL builds an array; SQLite aggregates the rows into a JSON array (a
    constant to "group by" makes it one aggregate over every row)."""
    rows = rows.order_by()
    if connection.vendor == "postgresql":
        return ArraySubquery(rows.values(value=value))
    one = rows.annotate(one=Value(1)).values("one")
    return Subquery(one.annotate(rows=JSONGroupArray(value)).values("rows"), JSONField())


def json_rows(rows: QuerySet, fields: tuple[str, ...]) -> BaseExpression:
    """`fields` of each of `rows` as a list of dicts in the outer row."""
    return json_array(rows, JSONObject(**{field: field for field in fields}))


def instances(model: type[Model], rows: list[dict[str, Any]] | None) -> list[Any]:
    """Model instances from json_rows' dicts: each value through its field's to_python,
    so dates and times are what a query gives (SQLite's JSON has them as naive UTC text)."""
    fields = {field.attname: field for field in model._meta.concrete_fields}
    found = []
    for row in rows or ():
        values = {name: fields[name].to_python(value) for name, value in row.items()}
        for name, value in values.items():
            if isinstance(value, datetime) and timezone.is_naive(value):
                values[name] = timezone.make_aware(value, UTC)
        found.append(model(**values))
    return found


def set_prefetched(instance: Model, name: str, objects: list[Any]) -> None:
    """`instance.<name>.all()` answers `objects` without a query, as Django's own prefetch
    leaves it: for related rows read with the instance (its row's arrays, issue 17's
    budget). `objects` in the related model's order, as a prefetch gives them."""
    related = getattr(instance, name).get_queryset()
    related._result_cache = objects
    related._prefetch_done = True
    # Django's prefetch_related_objects fills this same cache.
    instance._prefetched_objects_cache = {  # type: ignore[attr-defined]
        **getattr(instance, "_prefetched_objects_cache", {}),
        name: related,
    }


class _Rows(ArraySubquery):
    empty_result_set_value = NotImplemented  # no rows can match: _Cardinality answers 0


class _Cardinality(Func):
    function = "CARDINALITY"

    def as_sql(self, compiler, connection, **extra_context):
        try:
            return super().as_sql(compiler, connection, **extra_context)
        except EmptyResultSet:  # e.g. .none(): NULL would be an array of no known type
            return "0", ()


def count_of(rows: QuerySet) -> BaseExpression:
    """How many rows `rows` (a queryset of one column, usually sliced) gives, as a scalar in
    the outer query. PostgreSQL: the length of the array of them, read once in the
    subquery's own order and limit (`pk IN (…)` around it made the planner hash the limited
    ids against a scan of the whole table's primary key, ADR 0084). SQLite: the rows
    counted through that `IN`, which it answers by probing the primary key."""
    rows = rows.order_by() if not rows.query.is_sliced else rows
    if connection.vendor == "postgresql":
        return _Cardinality(_Rows(rows), output_field=IntegerField())
    model = rows.model
    counted = model._default_manager.filter(pk__in=rows).annotate(one=Value(1)).values("one")
    return Subquery(counted.annotate(n=Count("pk")).values("n"), IntegerField())
