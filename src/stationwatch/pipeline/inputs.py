"""Scan inputs: WARC and JSONL files, directories and globs of them, and their records."""

from __future__ import annotations

import glob
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import StationwatchError
from ..ingest.warc import WarcProblem, WarcResponse, iter_responses, read_at

SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz")


@dataclass(frozen=True)
class Record:
    """One document of an input file, raw: what the prefilter sees first."""

    uri: str
    offset: int
    payload: bytes
    content_type: str = ""
    record_id: str | None = None
    error: str | None = None  # a problem reading the file at this offset
    date: str | None = None  # a WARC record's WARC-Date (ISO 8601, UTC)
    flags: tuple[str, ...] = ()  # how the record was read (a declared encoding not applied)


def is_input(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(SUFFIXES)


def expand(inputs: list[str]) -> list[Path]:
    """Files named, found in directories (recursively) or matched by globs, in a stable order,
    each once. A name that matches nothing is an error, before any work starts."""
    out: dict[Path, None] = {}
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if is_input(f))
        elif any(ch in item for ch in "*?["):
            found = sorted(Path(f) for f in glob.glob(item, recursive=True) if is_input(Path(f)))
        elif p.is_file():
            if not is_input(p):
                raise StationwatchError(f"{item}: not a scan input (expected one of "
                                        f"{', '.join(SUFFIXES)})")
            found = [p]
        elif p.exists():  # a device or a pipe: never read (it may not end)
            raise StationwatchError(f"{item}: not a regular file; refused")
        else:
            raise StationwatchError(f"{item}: no such file or directory")
        if not found:
            raise StationwatchError(f"{item}: no {', '.join(SUFFIXES)} files found")
        for f in found:
            out.setdefault(f.resolve(), None)
    return list(out)


def iter_records(path: Path) -> Iterator[Record]:
    """Records of a WARC (response records) or JSONL file ({url, html|text} per line)."""
    if path.name.lower().endswith((".warc", ".warc.gz")):
        for item in iter_responses(str(path)):
            if isinstance(item, WarcProblem):
                yield Record(uri="", offset=item.offset, payload=b"", error=item.message)
            else:
                yield _record(item)
        return
    yield from _jsonl(path)


def _record(item: WarcResponse) -> Record:
    return Record(uri=item.uri, offset=item.offset, payload=item.payload,
                  content_type=item.content_type, record_id=item.record_id, date=item.date,
                  flags=item.flags)


def _jsonl(path: Path) -> Iterator[Record]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    offset = 0
    try:
        with opener(path, "rb") as fh:

            def lines() -> Iterator[tuple[int, bytes]]:
                nonlocal offset
                for line in fh:
                    start, offset = offset, offset + len(line)
                    yield start, line

            yield from _jsonl_lines(lines())
    except (OSError, EOFError, zlib.error) as exc:
        yield Record("", offset, b"", error=f"unreadable after this offset: {exc}")


def _jsonl_lines(lines: Iterable[tuple[int, bytes]]) -> Iterator[Record]:
    for start, line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
            uri = str(obj.get("url") or "")
            if isinstance(obj.get("html"), str):
                yield Record(uri, start, obj["html"].encode("utf-8"),
                             content_type="text/html; charset=utf-8")
            elif isinstance(obj.get("text"), str):
                yield Record(uri, start, obj["text"].encode("utf-8"),
                             content_type="text/plain; charset=utf-8")
            else:
                raise ValueError("no 'html' or 'text' string")
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            yield Record("", start, b"", error=f"bad JSONL line: {exc}")


def read_record(path: Path, offset: int) -> Record:
    """The one record that starts at ``offset`` of a WARC or JSONL file (a scan hit's address)."""
    if path.name.lower().endswith((".warc", ".warc.gz")):
        hit = read_at(path, offset)
        if hit is None:
            raise StationwatchError(f"{path}: no WARC document record at offset {offset}")
        return _record(hit)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        fh.seek(offset)
        line = fh.readline()
    for found in _jsonl_lines([(offset, line)]):
        if found.error is None:
            return found
    raise StationwatchError(f"{path}: no JSONL record at offset {offset}")
