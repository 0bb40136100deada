"""WARC records that hold a document, with FastWARC: ``response``, ``resource`` and
``conversion`` records (segmented ones joined), each with its target URI, record ID, offset and
date.

Records are read raw (``auto_decode="none"``) and their HTTP transfer and content encodings
undone here, one record at a time: a stale ``Transfer-Encoding: chunked`` or
``Content-Encoding: gzip`` header over a plain body then costs that record its decoding (it is
read raw and flagged), never the rest of the file.

FastWARC stops quietly at a truncated or corrupt member, and may hand out the half-read
record before it. So the last record is held back until the end of the file is checked: the
file must end where its last record ends (one gzip member, or the record's Content-Length).
Anything else is reported as a problem at that offset instead of being read as complete.
"""

from __future__ import annotations

import codecs
import io
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

#: Largest record checked at the end of a file (a record beyond it is not read whole anyway).
MAX_TAIL_BYTES = 256 * 1024 * 1024
#: Largest record body read (after joining segments and undoing its encodings).
MAX_RECORD_BYTES = 64 * 1024 * 1024

#: Record types whose block is a document: read like a response.
DOCUMENT_TYPES = {int(WarcRecordType.response): "response",
                  int(WarcRecordType.resource): "resource",
                  int(WarcRecordType.conversion): "conversion"}

_TYPE_NAMES = {int(getattr(WarcRecordType, name)): name for name in (
    "warcinfo", "request", "metadata", "revisit", "continuation", "unknown")}

#: Flags set on a record whose declared encoding could not be undone (its body is read raw).
FLAG_RAW_TRANSFER = "warc:transfer-encoding-not-applied"
FLAG_RAW_CONTENT = "warc:content-encoding-not-applied"


@dataclass(frozen=True)
class WarcResponse:
    """One document of a WARC: a response, resource or conversion record (segments joined)."""

    uri: str
    record_id: str
    offset: int
    content_type: str  # the full header, parameters (charset=...) included
    payload: bytes
    record_type: str = "response"
    #: The record's WARC-Date, ISO 8601 in UTC: when the archive retrieved it.
    date: str | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class WarcProblem:
    offset: int
    message: str


@dataclass
class WarcStats:
    """What a pass over a WARC read and what it skipped (by record type)."""

    read: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        skipped = sum(self.skipped.values())
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.skipped.items()))
        return (f"{self.read} document record(s) read, {skipped} skipped"
                + (f" ({kinds})" if kinds else ""))


def _percent_encode(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(f"%{b:02X}" for b in bad), exc.end


codecs.register_error("stationwatch-percent", _percent_encode)


def target_uri(raw: bytes | None) -> str:
    """The WARC-Target-URI as the archive holds it: UTF-8 where it is UTF-8, any other byte
    percent-encoded (``caf\\xe9`` -> ``caf%E9``), never U+FFFD."""
    if not raw:
        return ""
    raw = raw.strip()
    if raw.startswith(b"<") and raw.endswith(b">"):  # the WARC 1.0 grammar's angle brackets
        raw = raw[1:-1]
    return raw.decode("utf-8", errors="stationwatch-percent")


def _dechunk(body: bytes) -> tuple[bytes, bool]:
    """Body without HTTP chunking; (body as it was, False) when it is not chunked."""
    from warcio.bufferedreaders import ChunkedDataReader

    reader = ChunkedDataReader(io.BytesIO(body))
    out = reader.read(MAX_RECORD_BYTES + 1)
    if reader.not_chunked:
        return body, False
    return out, True


def _inflate(body: bytes, coding: str) -> bytes | None:
    """Body with its Content-Encoding undone, or None when it does not decode."""
    if coding in {"gzip", "x-gzip", "deflate"}:
        # A gzip or zlib header (auto-detected; a cut-off body gives what it holds), then raw
        # deflate (what many servers send as "deflate"), which has no header to check and so
        # must decode to its end.
        for wbits, partial_ok in ((zlib.MAX_WBITS | 32, True), (-zlib.MAX_WBITS, False)):
            inflater = zlib.decompressobj(wbits)
            try:
                out = inflater.decompress(body, MAX_RECORD_BYTES + 1)
            except zlib.error:
                continue
            if inflater.eof or len(out) > MAX_RECORD_BYTES or (
                    partial_ok and out and not inflater.unconsumed_tail):
                return out  # whole, cut off, or past the cap (then refused as too large)
        return None
    if coding == "br":
        try:
            import brotli  # type: ignore[import-untyped]  # no stubs; optional (urllib3[brotli])
        except ImportError:
            return None
        try:
            out = brotli.Decompressor().process(body, output_buffer_limit=MAX_RECORD_BYTES + 1)
        except (brotli.error, TypeError):
            return None
        return bytes(out)
    return None


def decode_body(body: bytes, transfer_encoding: str, content_encoding: str
                ) -> tuple[bytes, tuple[str, ...]]:
    """Undo the declared HTTP encodings of one body; a declared encoding the body does not
    have (a stale header) leaves the body raw and is flagged."""
    flags: list[str] = []
    if "chunked" in transfer_encoding.lower():
        body, chunked = _dechunk(body)
        if not chunked:
            flags.append(FLAG_RAW_TRANSFER)
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    for coding in reversed(codings):  # applied in the order listed, undone in reverse
        if coding == "identity":
            continue
        out = _inflate(body, coding)
        if out is None:
            flags.append(FLAG_RAW_CONTENT)
            break
        body = out
    return body, tuple(flags)


@dataclass(frozen=True)
class _Head:
    """What a document record's WARC header says (kept while its segments are read)."""

    uri: str
    record_id: str
    offset: int
    record_type: str
    date: str | None
    content_type: str  # the WARC Content-Type (for a record that is not HTTP)
    is_http: bool

    @classmethod
    def of(cls, record: Any) -> _Head:
        return cls(uri=target_uri(record.headers.get_bytes(b"WARC-Target-URI")),
                   record_id=record.record_id or "", offset=int(record.stream_pos),
                   record_type=DOCUMENT_TYPES[int(record.record_type)],
                   date=_header(record, "WARC-Date").strip() or None,
                   content_type=_header(record, "Content-Type"), is_http=bool(record.is_http))


@dataclass
class _Pending:
    """A segmented record waiting for its continuation records."""

    head: _Head
    parts: list[bytes]
    size: int


def _header(record: Any, name: str) -> str:
    return str(record.headers.get(name, "") or "")


def _record_key(value: str) -> str:
    """A record ID as a key, with or without its angle brackets."""
    return value.strip().strip("<>").strip()


Header = Callable[[str], str]


def _split_http(block: bytes) -> tuple[Header, bytes] | None:
    """HTTP headers and body of a joined segmented record (warcio parses the headers)."""
    from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

    stream = io.BytesIO(block)
    try:
        parsed = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0"],
                                        verify=False).parse(stream)
    except (StatusAndHeadersParserException, ValueError, EOFError):
        return None
    return (lambda name: str(parsed.get_header(name) or "")), stream.read()


def _document(head: _Head, block: bytes, http: Header | None) -> WarcResponse | WarcProblem:
    """One document record from its header, its (joined) body and its HTTP headers."""
    if len(block) > MAX_RECORD_BYTES:
        return WarcProblem(head.offset, f"record too large (over {MAX_RECORD_BYTES:,} bytes)")
    flags: tuple[str, ...] = ()
    content_type = head.content_type
    if http is not None:
        content_type = http("Content-Type")
        block, flags = decode_body(block, http("Transfer-Encoding"), http("Content-Encoding"))
        if len(block) > MAX_RECORD_BYTES:
            return WarcProblem(head.offset, f"record too large when decoded (over "
                                            f"{MAX_RECORD_BYTES:,} bytes)")
    return WarcResponse(uri=head.uri, record_id=head.record_id, offset=head.offset,
                        content_type=content_type, payload=block,
                        record_type=head.record_type, date=head.date, flags=flags)


def _whole(record: Any) -> WarcResponse | WarcProblem:
    """A document record that is not segmented: its HTTP headers parsed by FastWARC."""
    head = _Head.of(record)
    http: Header | None = None
    if head.is_http:
        try:
            record.parse_http(auto_decode="none", quirks_mode=True)
        except (OSError, ValueError) as exc:
            return WarcProblem(head.offset, f"unreadable HTTP headers: {exc}")
        headers = record.http_headers
        http = (lambda name: str(headers.get(name, "") or "")) if headers is not None else None
    return _document(head, record.reader.read(MAX_RECORD_BYTES + 1), http)


def _joined(part: _Pending) -> WarcResponse | WarcProblem:
    block = b"".join(part.parts)
    if not part.head.is_http:
        return _document(part.head, block, None)
    split = _split_http(block)
    if split is None:
        return WarcProblem(part.head.offset, "unreadable HTTP headers in a segmented record")
    return _document(part.head, split[1], split[0])


def _records(source: Any, stats: WarcStats) -> Iterator[WarcResponse | WarcProblem | int]:
    """Documents and problems as records are read from a path or an open binary file; an
    ``int`` is the offset of each record (for the end-of-file check)."""
    pending: dict[str, _Pending] = {}
    # HTTP headers are parsed per record (a continuation record's block is never taken for
    # one, whatever its Content-Type says).
    records = ArchiveIterator(source, record_types=WarcRecordType.any_type, parse_http=False,
                              fsspec_args=False)
    for record in records:
        yield int(record.stream_pos)
        kind = int(record.record_type)
        if kind in DOCUMENT_TYPES:
            segment = _header(record, "WARC-Segment-Number").strip()
            if segment not in {"", "1"}:
                yield WarcProblem(record.stream_pos, "segmented record without its first "
                                                     "segment")
            elif segment == "1":
                body = record.reader.read(MAX_RECORD_BYTES + 1)
                pending[_record_key(record.record_id or "")] = _Pending(_Head.of(record),
                                                                        [body], len(body))
            else:
                stats.read += 1
                yield _whole(record)
        elif kind == int(WarcRecordType.continuation):
            origin = _record_key(_header(record, "WARC-Segment-Origin-ID"))
            part = pending.get(origin)
            if part is None:
                yield WarcProblem(record.stream_pos, f"continuation record of {origin or '?'} "
                                                     "without its first segment")
                continue
            body = record.reader.read(MAX_RECORD_BYTES + 1 - part.size)
            part.parts.append(body)
            part.size += len(body)
            if _header(record, "WARC-Segment-Total-Length") or part.size > MAX_RECORD_BYTES:
                del pending[origin]
                stats.read += 1
                yield _joined(part)
        else:
            stats.skipped[_TYPE_NAMES.get(kind, "unknown")] += 1
    for origin, part in pending.items():
        yield WarcProblem(part.head.offset, f"segmented record {origin} incomplete "
                                            f"({len(part.parts)} segment(s) found, last one "
                                            "missing)")


def iter_responses(path: str, stats: WarcStats | None = None
                   ) -> Iterator[WarcResponse | WarcProblem]:
    """Every document record of a ``.warc`` or ``.warc.gz`` (compression detected), then a
    ``WarcProblem`` if the file is truncated or corrupt after the last good record. Record
    types that hold no document are counted in ``stats``."""
    stats = stats if stats is not None else WarcStats()
    held: WarcResponse | None = None
    last_offset: int | None = None
    try:
        for item in _records(path, stats):
            if isinstance(item, int):  # a record starts: the one held before it is whole
                if held is not None:
                    yield held
                    held = None
                last_offset = item
            elif isinstance(item, WarcProblem):
                yield item
            else:
                held = item
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


def read_at(path: str | Path, offset: int) -> WarcResponse | None:
    """The document record that starts at ``offset`` (a scan hit's address), decoded the same
    way as by ``iter_responses``; None when no document record starts there."""
    with Path(path).open("rb") as fh:
        fh.seek(offset)
        for item in _records(fh, WarcStats()):
            if isinstance(item, WarcResponse):
                return replace(item, offset=offset)
            if isinstance(item, WarcProblem):
                return None
    return None


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
