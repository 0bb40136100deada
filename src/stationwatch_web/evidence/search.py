"""Full-text search over sources (their folded title and text) and the claims drawn from them.

SQLite: the FTS5 trigram index (substrings of three characters or more, any script); shorter
queries, such as a two-character Chinese word, fall back to a scan. PostgreSQL: a substring
match the pg_trgm GIN index serves, or'ed with a 'simple' text-search match for word queries.
Query and text are folded alike (case, accents, width, traditional script). Newest sources
come first (ranking every match would cost a full pass over common words).
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from stationwatch.pipeline.documents import query_key as search_key
from stationwatch_web.params import clean_param

from .models import Source

MAX_RESULTS = 50


def source_search(query: str) -> QuerySet[Source]:
    key = search_key(clean_param(query))[:200]
    if not key:
        return Source.objects.none()
    qs = Source.objects.exclude(kind="citation")
    if connection.vendor == "sqlite" and len(key) >= 3:
        phrase = '"' + key.replace('"', '""') + '"'
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM evidence_source_fts WHERE evidence_source_fts "
                           "MATCH %s ORDER BY rowid DESC LIMIT %s", [phrase, MAX_RESULTS])
            ids = [row[0] for row in cursor.fetchall()]
        return qs.filter(pk__in=ids).order_by("-pk")
    if connection.vendor == "postgresql":
        words = SearchQuery(key, config="simple", search_type="websearch")
        return qs.annotate(v=SearchVector("search_text", config="simple")).filter(
            Q(search_text__contains=key) | Q(v=words)).order_by("-pk")
    return qs.filter(search_text__contains=key).order_by("-pk")


def document_hits(query: str) -> list[dict[str, Any]]:
    """The stored documents holding the query, each with a snippet and its claims."""
    return [{"source": source, "snippet": snippet(source.text, query),
             "claims": list(source.claims.all())}
            for source in source_search(query).prefetch_related("claims")[:MAX_RESULTS]]


def snippet(text: str, query: str, width: int = 160) -> tuple[str, str, str]:
    """(before, match, after) around the first place the query occurs in the text: as typed
    (ignoring case) when it is there, which is cheap, else folded."""
    flat = " ".join(text.split())
    q = " ".join(query.split())
    at = flat.lower().find(q.lower()) if q else -1
    if at >= 0:
        start = max(0, at - width)
        return (("…" if start else "") + flat[start:at], flat[at:at + len(q)],
                flat[at + len(q):at + len(q) + width] + "…")
    key = search_key(query)
    folded = search_key(text)
    at = folded.find(key) if key else -1
    if at < 0 or len(folded) != len(" ".join(text.split())):
        return (text[:width * 2], "", "")
    flat = " ".join(text.split())
    start = max(0, at - width)
    return (("…" if start else "") + flat[start:at], flat[at:at + len(key)],
            flat[at + len(key):at + len(key) + width] + "…")
