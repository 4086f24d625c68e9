"""Rows of another table carried in each row of a query, as one JSON array: a page reads a
job's skills and options, or a user's permissions, with the row itself instead of one
more query each (issue 17's budget of 4 queries per request)."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import Aggregate, JSONField, QuerySet, Subquery, Value
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
