"""ORM extension points for full-text matching over already analysed terms (ADR 0054): the
query text is written by jobs.search.backends.database from analysed terms, so no database
parser runs over it again."""

from django.contrib.postgres.search import SearchVectorField
from django.db.models import BooleanField, Expression, FloatField, Func, Lookup

FTS_TABLE = "jobs_job_fts"


class TsQueryMatch(Lookup):
    """`search_vector__tsquery="'개발':* & …"`: PostgreSQL `@@` with a tsquery literal."""

    lookup_name = "tsquery"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ ({rhs})::tsquery", [*lhs_params, *rhs_params]


SearchVectorField.register_lookup(TsQueryMatch)


class TitleTerms(Func):
    """The title and company-name terms of a search vector (weights A and B, written by
    jobs.search.backends.database). Migrations use it: ADR 0085's index over it, and the
    column that replaced that index, Job.title_vector, filled from it (ADR 0096)."""

    function = "ts_filter"
    template = "%(function)s(%(expressions)s, '{a,b}'::\"char\"[])"
    output_field = SearchVectorField()


def _table(compiler) -> str:
    """The FTS table as this query names it (Django aliases tables inside subqueries)."""
    return compiler.quote_name_unless_alias(compiler.query.get_initial_alias())


class FtsMatch(Expression):
    """SQLite FTS5: `jobs_job_fts MATCH '"개발"* AND …'` (the table's hidden column named
    after it), as a filter on JobSearchEntry."""

    output_field = BooleanField()

    def __init__(self, query: str):
        super().__init__()
        self.query = query

    def as_sql(self, compiler, connection):
        return f'{_table(compiler)}."{FTS_TABLE}" MATCH %s', [self.query]


class FtsRank(Expression):
    """FTS5's hidden `rank` column of a matched row: BM25 with the table's column weights,
    lower is better."""

    output_field = FloatField()

    def as_sql(self, compiler, connection):
        return f"{_table(compiler)}.rank", []
