"""Rows of another table carried in each row of a query, as one JSON array: a page reads a
job's skills and options, or a user's permissions, with the row itself instead of one
more query each (issue 17's budget of 4 queries per request)."""

from datetime import UTC, datetime
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Aggregate, F, JSONField, Model, QuerySet, Subquery, Value
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
