"""Django's SQLite backend, plus the upkeep SQLite asks of long-lived databases.

Without statistics SQLite's planner can drive a join from the wrong index: the atlas's
citations query walked every accepted claim per station (2.7 s for one API page at 200k claims,
6 ms after ``ANALYZE``; issue 19). SQLite's own advice (https://sqlite.org/lang_analyze.html,
"Applications with long-lived databases ... should consider running ... just prior to closing
each database connection") is ``PRAGMA analysis_limit=400; PRAGMA optimize;``: a no-op unless a
table the connection used has indexes never analysed or has grown many times since, and then a
sampled ``ANALYZE`` bounded by the limit. So every connection runs it as it closes.
"""

from __future__ import annotations

import contextlib

from django.db.backends.sqlite3 import base

#: Rows sampled per index by an ANALYZE that ``optimize`` runs (SQLite suggests 100-1000).
ANALYSIS_LIMIT = 400


class DatabaseWrapper(base.DatabaseWrapper):
    def _close(self) -> None:
        if self.connection is not None and not self.in_atomic_block:
            # Upkeep only: a locked or read-only database must never stop the close.
            with contextlib.suppress(base.Database.Error):
                self.connection.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
                self.connection.execute("PRAGMA optimize")
        super()._close()
