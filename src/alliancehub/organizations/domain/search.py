"""Full-text matching of organisations on both database engines.

Each organisation stores its pre-segmented ``search_tokens`` (see ``common.text``). On
PostgreSQL the generated column ``search_vector`` (the tokens as a ``tsvector``) with a GIN
index answers a conjunction of exact tokens; on SQLite an FTS5 table kept in step by triggers
does the same. Both are created by migration ``0002_search_index``; neither is a model field,
as Django cannot declare either portably.
"""

from django.db import connections
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from ...common.text import Term, query_terms
from ..models import Organization

SQLITE_FTS_TABLE = "organizations_search"


def _postgres_query(terms: list[Term]) -> str:
    # Tokens hold only [a-z0-9] or CJK characters (common.text._RUN), so quoting is safe.
    return " & ".join(f"'{t.token}'" + (":*" if t.prefix else "") for t in terms)


def _sqlite_query(terms: list[Term]) -> str:
    return " AND ".join(f'"{t.token}"' + ("*" if t.prefix else "") for t in terms)


def matching(queryset: QuerySet[Organization], query: str) -> QuerySet[Organization]:
    """The organisations of ``queryset`` whose names or credit code contain ``query``.

    Simplified and Traditional Chinese, full- and half-width forms and letter case are all
    equivalent; a query with no searchable characters leaves ``queryset`` unchanged.
    """
    terms = query_terms(query)
    if not terms:
        return queryset
    table = Organization._meta.db_table
    if connections[queryset.db].vendor == "postgresql":
        condition = RawSQL(
            f'"{table}"."search_vector" @@ %s::tsquery',
            (_postgres_query(terms),),
            output_field=BooleanField(),
        )
        return queryset.filter(condition)
    ids = RawSQL(
        f"SELECT rowid FROM {SQLITE_FTS_TABLE} WHERE {SQLITE_FTS_TABLE} MATCH %s",
        (_sqlite_query(terms),),
    )
    return queryset.filter(pk__in=ids)
