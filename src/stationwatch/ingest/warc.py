"""WARC response records with FastWARC, each with its target URI, record ID and offset.

FastWARC stops quietly at a truncated or corrupt member, and may hand out the half-read
record before it. So the last record is held back until the end of the file is checked: the
file must end where its last record ends (one gzip member, or the record's Content-Length).
Anything else is reported as a problem at that offset instead of being read as complete.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

#: Largest record checked at the end of a file (a record beyond it is not read whole anyway).
MAX_TAIL_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class WarcResponse:
    uri: str
    record_id: str
    offset: int
    content_type: str
    payload: bytes


@dataclass(frozen=True)
class WarcProblem:
    offset: int
    message: str


def iter_responses(path: str) -> Iterator[WarcResponse | WarcProblem]:
    """Every ``response`` record of a ``.warc`` or ``.warc.gz`` (compression detected), then a
    ``WarcProblem`` if the file is truncated or corrupt after the last good record."""
    held: WarcResponse | None = None
    last_offset: int | None = None
    records = ArchiveIterator(path, record_types=WarcRecordType.any_type, parse_http=True,
                              auto_decode="all", fsspec_args=False)
    try:
        for record in records:
            if held is not None:
                yield held
                held = None
            last_offset = record.stream_pos
            if record.record_type == WarcRecordType.response:
                held = WarcResponse(uri=record.headers.get("WARC-Target-URI", "") or "",
                                    record_id=record.record_id or "",
                                    offset=record.stream_pos,
                                    content_type=record.http_content_type or "",
                                    payload=record.reader.read())
    except (ValueError, OSError) as exc:  # FastWARC's decompression and parse errors
        if held is not None:  # read whole before the next member failed
            yield held
        if last_offset is None:
            yield WarcProblem(0, f"no WARC record could be read: {exc}")
        else:
            yield WarcProblem(last_offset, f"corrupt data after the record: {exc}")
        return
    problem = _check_end(Path(path), last_offset)
    if problem is not None:
        yield problem
    elif held is not None:
        yield held


def _check_end(path: Path, last_offset: int | None) -> WarcProblem | None:
    size = path.stat().st_size
    with path.open("rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
        if last_offset is None:
            return WarcProblem(0, "no WARC record could be read") if size else None
        fh.seek(last_offset)
        tail = fh.read(MAX_TAIL_BYTES)
    if gzipped:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            inflater.decompress(tail)
        except zlib.error as exc:
            return WarcProblem(last_offset, f"corrupt gzip member: {exc}")
        if not inflater.eof:
            return WarcProblem(last_offset, "truncated gzip member")
        if inflater.unused_data.strip():
            return WarcProblem(last_offset + len(tail) - len(inflater.unused_data),
                               "unreadable data after the last WARC record")
        return None
    head, sep, _ = tail.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), None)
    if not sep or length is None:
        return WarcProblem(last_offset, "truncated WARC record header")
    end = len(head) + 4 + length
    if end > len(tail):
        return WarcProblem(last_offset, f"truncated WARC record ({len(tail) - len(head) - 4:,} "
                                        f"of {length:,} bytes)")
    if tail[end:].strip():
        return WarcProblem(last_offset + end, "unreadable data after the last WARC record")
    return None
