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
from typing import TYPE_CHECKING

from ..evidence.store import sha256_file
from ..ingest.sources import Item, items
from .documents import Read, read, read_if
from .prefilter import may_be_relevant

if TYPE_CHECKING:
    from ..ingest.sandbox import Limits


@dataclass
class FileResult:
    source_file: str
    sha256: str
    lines: list[str] = field(default_factory=list)  # output JSON lines, in record order
    records: int = 0
    bytes: int = 0  # payload bytes seen
    hits: int = 0
    errors: int = 0
    #: The relevant records' Reads, kept for a sink (`scan --into-db`) when asked to.
    reads: list[Read] = field(default_factory=list)


def scan_file(path: str, all_records: bool = False, prefilter: bool = True,
              limits: Limits | None = None) -> FileResult:
    """Scan one input file; relevant records (or all, with ``all_records``) become output
    lines in the `extract` schema plus source_file, warc_record_id and offset. With ``limits``
    (a sink will store the hits) each record that passes the prefilter is parsed under them
    and the relevant ones' Reads are kept in the result."""
    p = Path(path)
    result = FileResult(source_file=str(p), sha256=sha256_file(p))
    for item in items(p):
        if item.error is not None:
            result.errors += 1
            result.lines.append(_line({"path": str(p), "uri": item.uri or None, "lang": "und",
                                       "relevant": False, "stations": [], "bureaus": [],
                                       "responses": [], "errors": [item.error]}, p, item))
            continue
        result.records += 1
        result.bytes += len(item.payload)
        read = _read(item, prefilter, limits) if not prefilter or may_be_relevant(
            item.payload) else None
        if read is None:
            if all_records:
                result.lines.append(_line({"path": str(p), "uri": item.uri, "lang": "und",
                                           "relevant": False, "stations": [], "bureaus": [],
                                           "responses": [], "errors": []}, p, item))
            continue
        found = read.as_dict()
        result.errors += bool(found["errors"])
        if found["relevant"]:
            result.hits += 1
            if limits is not None:
                result.reads.append(read)
        if found["relevant"] or found["errors"] or all_records:
            found["uri"] = item.uri
            result.lines.append(_line(found, p, item))
    return result


def _read(item: Item, prefilter: bool, limits: Limits | None) -> Read | None:
    """HTML to text, then extraction, imported on the first record that needs them. With
    ``prefilter``, a main text that itself fails the prefilter (the page's bytes passed on
    words in its navigation or sidebars) is dropped before the extractor: None."""
    if not prefilter:
        return read(item, limits=limits)
    return read_if(item, limits=limits, accept=lambda text: may_be_relevant(text.encode("utf-8")))


def _line(found: dict[str, object], path: Path, item: Item) -> str:
    found["source_file"] = str(path)
    found["warc_record_id"] = item.record_id
    found["offset"] = item.offset
    return json.dumps(found, ensure_ascii=False, sort_keys=False)
