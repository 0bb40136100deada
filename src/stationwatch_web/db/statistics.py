"""Planner statistics refreshed after the writes that change the data's shape.

``refresh`` runs after every ``migrate`` (a ``post_migrate`` receiver, so a new or upgraded
database starts with statistics) and after bulk writes (reference loads, ingest jobs, scans into
the database). SQLite samples ``analysis_limit`` rows per index, so even a million sources
take seconds, not minutes; PostgreSQL's ``ANALYZE`` samples by design. Between refreshes each
SQLite connection's ``PRAGMA optimize`` on close (``db.sqlite3.base``) catches tables that grew.
"""

from __future__ import annotations

from typing import Any

from django.db import connections

#: Rows sampled per index by a SQLite refresh (SQLite suggests 100-1000 for routine upkeep;
#: more rows, steadier estimates at bulk-load time).
SQLITE_ANALYSIS_LIMIT = 1000


def refresh(using: str = "default") -> None:
    """Gather fresh planner statistics for every table of database ``using``."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def refresh_after_migrate(*, using: str = "default", **_: Any) -> None:
    """``post_migrate`` receiver (connected once, for the atlas app, in ``AtlasConfig``)."""
    refresh(using)
