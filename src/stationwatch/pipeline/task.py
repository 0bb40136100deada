"""The one task function every executor runs: scan one input file.

It is a plain module-level function of picklable arguments, so the serial loop, a process
pool and Dask workers run exactly the same code and return the same result.

Start-up is paid once per process and only for what a file needs: the prefilter's compiled
databases load from the cache on the first record; HTML-to-text loads when the first record
passes the prefilter, the extractor and its automaton when a main text passes it too.
Module-level caches keep them for the next tasks, so a Dask worker pays this once, not per
task.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..evidence.store import sha256_file
from .inputs import Record, iter_records
from .prefilter import may_be_relevant


@dataclass
class FileResult:
    source_file: str
    sha256: str
    lines: list[str] = field(default_factory=list)  # output JSON lines, in record order
    records: int = 0
    bytes: int = 0  # payload bytes seen
    hits: int = 0
    errors: int = 0


def scan_file(path: str, all_records: bool = False, prefilter: bool = True) -> FileResult:
    """Scan one WARC or JSONL file; relevant records (or all, with ``all_records``) become
    output lines in the `extract` schema plus source_file, warc_record_id and offset."""
    p = Path(path)
    result = FileResult(source_file=str(p), sha256=sha256_file(p))
    for rec in iter_records(p):
        if rec.error is not None:
            result.errors += 1
            result.lines.append(_line({"path": str(p), "uri": rec.uri or None, "lang": "und",
                                       "relevant": False, "stations": [], "bureaus": [],
                                       "responses": [], "errors": [rec.error]}, p, rec))
            continue
        result.records += 1
        result.bytes += len(rec.payload)
        found = _extract(rec, p, prefilter) if not prefilter or may_be_relevant(
            rec.payload) else None
        if found is None:
            if all_records:
                result.lines.append(_line({"path": str(p), "uri": rec.uri, "lang": "und",
                                           "relevant": False, "stations": [], "bureaus": [],
                                           "responses": [], "errors": []}, p, rec))
            continue
        result.errors += bool(found["errors"])
        if found["relevant"]:
            result.hits += 1
        if found["relevant"] or found["errors"] or all_records:
            found["uri"] = rec.uri
            result.lines.append(_line(found, p, rec))
    return result


def _extract(rec: Record, path: Path, prefilter: bool) -> dict[str, Any] | None:
    """HTML to text, then extraction, imported on the first record that needs them. With
    ``prefilter``, a main text that itself fails the prefilter (the page's bytes passed on
    words in its navigation or sidebars) is dropped before the extractor: None."""
    from ..extract import extract
    from ..ingest import load_bytes

    doc = load_bytes(rec.payload, path=str(path), content_type=rec.content_type, uri=rec.uri)
    if prefilter and not doc.errors and not may_be_relevant(doc.text.encode("utf-8")):
        return None
    doc.retrieved_at = rec.date
    doc.flags.extend(rec.flags)
    return {**extract(doc).as_dict(), **doc.output_fields()}


def _line(found: dict[str, object], path: Path, rec: object) -> str:
    found["source_file"] = str(path)
    found["warc_record_id"] = getattr(rec, "record_id", None)
    found["offset"] = getattr(rec, "offset", None)
    return json.dumps(found, ensure_ascii=False, sort_keys=False)
