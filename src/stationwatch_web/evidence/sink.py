"""`stationwatch scan --into-db`: the scan's hits become Sources with candidate claims.

The core's scan command finds this through the ``stationwatch.sinks`` entry point, so the core
never imports Django. Each hit is read back from its file and offset (the address in the scan
output) for its bytes and main text; its claims are the scan's own extraction of those bytes.
"""

from __future__ import annotations

import json
from pathlib import Path


def ingest_hits(out: Path) -> str:
    from stationwatch_web.cli import prepare_database

    prepare_database(load_reference=False)
    from stationwatch.ingest import load_bytes
    from stationwatch.ingest.document import as_datetime
    from stationwatch.pipeline.inputs import read_record

    from .services import source_ingest_found

    created = already = claims = 0
    with out.open(encoding="utf-8") as fh:
        for line in fh:
            hit = json.loads(line)
            if not hit.get("relevant"):
                continue
            path = Path(hit["source_file"])
            record = read_record(path, int(hit["offset"]))
            doc = load_bytes(record.payload, path=str(path), content_type=record.content_type,
                             uri=record.uri)
            result = source_ingest_found(
                payload=record.payload, found=hit, text=doc.text, title=doc.title,
                kind="warc_record" if record.record_id else "file", uri=record.uri,
                media_type=doc.media_type, warc_record_id=record.record_id or "",
                origin=str(path), origin_offset=record.offset,
                published_at=as_datetime(doc.published_at),
                retrieved_at=as_datetime(record.date))
            if result.created:
                created, claims = created + 1, claims + result.claims
            else:
                already += 1
    return (f"stored {created} new sources with {claims} candidate claims; "
            f"already had {already}")
