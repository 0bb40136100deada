"""`stationwatch scan --into-db`: the scan's hits become Sources with candidate claims.

The core's scan command finds this through the ``stationwatch.sinks`` entry point, so the core
never imports Django. The scan hands over each relevant record as it read it (parsed under the
parser limits, extracted): stored as it is, never read or parsed again.
"""

from __future__ import annotations

from stationwatch.ingest.sandbox import Limits
from stationwatch.pipeline.documents import Read


class DatabaseSink:
    """Stores a scan's Reads through the one writer of Sources (``source_store``)."""

    def __init__(self) -> None:
        from stationwatch_web.setup import database_ready

        database_ready(migrate=True, load_reference=False)
        from .ingest import parser_limits

        self.limits: Limits = parser_limits()
        self.created = self.already = self.claims = 0

    def store(self, reads: list[Read]) -> None:
        from .services import source_store

        for read in reads:
            result = source_store(read=read, origin=read.item.path)
            if result.created:
                self.created, self.claims = self.created + 1, self.claims + result.claims
            else:
                self.already += 1

    def __str__(self) -> str:
        return (f"stored {self.created} new sources with {self.claims} candidate claims; "
                f"already had {self.already}")
