"""Rows of another table carried in each row of a query, as one JSON array: a page reads a
job's skills and options, or a user's permissions, with the row itself instead of one
more query each (issue 17's budget of 4 queries per request)."""

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    Func,
    IntegerField,
    JSONField,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import BaseExpression


class JSONGroupArray(Aggregate):
    """SQLite's json_group_array; its order is not defined, the readers sort."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()


def json_array(rows: QuerySet, value: BaseExpression) -> BaseExpression:
    """A correlated subquery answering `value` of each of `rows` as one array (a list when
    read). PostgreSQL builds an array; SQLite aggregates the rows into a JSON array (a
    constant to "group by" makes it one aggregate over every row)."""
    rows = rows.order_by()
    if connection.vendor == "postgresql":
        return ArraySubquery(rows.values(value=value))
    one = rows.annotate(one=Value(1)).values("one")
    return Subquery(one.annotate(rows=JSONGroupArray(value)).values("rows"), JSONField())


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
    ids against a scan of the whole table's primary key, ADR 0082l). SQLite: the rows
    counted through that `IN`, which it answers by probing the primary key."""
    rows = rows.order_by() if not rows.query.is_sliced else rows
    if connection.vendor == "postgresql":
        return _Cardinality(_Rows(rows), output_field=IntegerField())
    model = rows.model
    counted = model._default_manager.filter(pk__in=rows).annotate(one=Value(1)).values("one")
    return Subquery(counted.annotate(n=Count("pk")).values("n"), IntegerField())
