"""THE loader: inputs (paths, folders, globs, URLs) become Items, one per document record.

Every command reads its inputs here, so `extract`, `scan`, `ingest`, the web upload and
capture agree on what a file is: a text, HTML or PDF file (gzipped or not) is one Item; a WARC
or JSONL archive (gzipped or not) is one Item per document record. Non-regular files (devices,
pipes, sockets) are refused by their type before anything opens them; sizes are capped while
reading, never after. A bad input or record is an Item with an ``error``, and the others go on.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentError
from .document import Document
from .warc import WarcProblem, WarcResponse, WarcStats, iter_responses, read_at

#: What a folder is searched for (other files are reported as skipped). A named file is read
#: whatever its name.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".html.gz",
                     ".htm.gz", ".txt.gz")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz")
#: Largest file read whole, and largest gzipped file once decompressed (WARC and JSONL
#: archives stream record by record and have no such limit).
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Item:
    """One document of an input, as bytes with where they came from; or why it could not be
    read (``error``). ``kind`` is the Source kind it becomes when stored."""

    path: str  # the input file, or the URL asked for
    payload: bytes = b""
    name: str | None = None  # what the type is guessed from besides the bytes (no .gz)
    content_type: str = ""
    uri: str = ""
    kind: str = "file"  # file | warc_record | url | feed_item
    record_id: str | None = None
    offset: int | None = None  # of the record in its archive
    retrieved_at: str | None = None  # ISO 8601: a WARC record's WARC-Date, a capture's time
    published_at: str | None = None  # ISO 8601: what a feed says, used when the page says nothing
    flags: tuple[str, ...] = ()  # how it was read (a declared encoding not applied...)
    error: str | None = None

    @property
    def where(self) -> str:
        """How a report names it: the path, with the record's offset in an archive."""
        return self.path if self.offset is None else f"{self.path}@{self.offset}"


def is_url(item: str) -> bool:
    """Anything shaped like ``scheme:`` + ``//`` is a URL (refused later unless http(s))."""
    return re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", item) is not None


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz"))


def _known(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES + DOCUMENT_SUFFIXES)


# --- Files: refused by type, capped while reading -------------------------------------------

_FILE_TYPES = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a pipe"),
               (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is ('a character device'...), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _FILE_TYPES if test(mode)), "not a regular file")


def _refuse_by_type(mode: int) -> None:
    kind = _not_regular(mode)
    if kind is not None:
        raise DocumentError(f"not a regular file ({kind}); refused")


def check_regular(path: Path) -> None:
    """``DocumentError`` unless ``path`` is a regular file (a device, pipe, socket or folder
    is refused by its type, before anything opens it)."""
    _refuse_by_type(path.stat().st_mode)


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, read up to ``limit`` and refused past it while reading
    (never after: a file that grows, or a device, cannot make us read more)."""
    # O_NONBLOCK: opening a pipe does not wait for a writer; the type is then checked on the
    # opened file itself, so it cannot change between the check and the read.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        _refuse_by_type(os.fstat(fd).st_mode)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise DocumentError(f"file too large (over {limit:,} bytes)")
    return data


def read_file(path: Path) -> bytes:
    """A document file's bytes, gunzipped when its name ends in .gz; both sizes capped."""
    data = read_capped(path, MAX_FILE_BYTES)
    if path.suffix.lower() == ".gz":
        try:
            out = zlib.decompressobj(zlib.MAX_WBITS | 16)
            data = out.decompress(data, MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES or out.unconsumed_tail:
                raise DocumentError(f"decompressed size exceeds {MAX_FILE_BYTES:,} bytes")
            if not out.eof:
                raise DocumentError("truncated gzip data")
        except zlib.error as exc:
            raise DocumentError(f"not valid gzip data: {exc}") from None
    return data


# --- Inputs: files named, folders, globs -----------------------------------------------------

def _files_under(folder: Path, exclude: Path | None) -> list[Path]:
    """Every file under a folder (not following links to folders), in a stable order; never
    anything under ``exclude``."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        here = Path(root)
        if exclude is not None and here.resolve().is_relative_to(exclude):
            dirs.clear()
            continue
        found.extend(here / f for f in sorted(files))
    return found


def expand(inputs: Iterable[str | Path], *, exclude: Path | None = None,
           skipped: Callable[[str], None] | None = None) -> Iterator[Path | Item]:
    """Files named, found under folders (recursively) or matched by globs, in argument order.

    A folder or glob gives its files of the kinds read here (``skipped`` is told the others);
    a named file is read whatever its name. A bad input is an Item with its ``error``: no such
    file, a device or pipe (refused by type, never opened), a folder or glob with nothing to
    read. Nothing under ``exclude`` (stationwatch's own data directory) is ever read.
    """
    own = exclude.resolve() if exclude is not None else None
    for raw in inputs:
        item = str(raw)
        p = Path(item)
        try:
            mode = p.stat().st_mode
        except OSError as exc:
            matches = sorted(glob.glob(item, recursive=True)) if any(
                ch in item for ch in "*?[") else None
            if matches is None:
                yield Item(item, error=f"no such file or directory ({exc})" if isinstance(
                    exc, FileNotFoundError) else f"cannot read: {exc.strerror or exc}")
            elif not matches:
                yield Item(item, error="no file matches this pattern")
            else:
                yield from _chosen([Path(m) for m in matches if Path(m).is_file()], item, own,
                                   skipped)
            continue
        if stat.S_ISDIR(mode):
            files = _files_under(p, own)
            if not files:
                yield Item(item, error="no files in the directory")
                continue
            yield from _chosen(files, item, own, skipped)
        elif _not_regular(mode) is not None:
            yield Item(item, error=f"not a regular file ({_not_regular(mode)}); refused")
        elif own is not None and p.resolve().is_relative_to(own):
            yield Item(item, error="inside stationwatch's own data directory; refused")
        else:
            yield p


def _chosen(files: list[Path], item: str, own: Path | None,
            skipped: Callable[[str], None] | None) -> Iterator[Path | Item]:
    found = 0
    for f in files:
        if own is not None and f.resolve().is_relative_to(own):
            continue
        if _known(f):
            found += 1
            yield f
        elif skipped is not None:
            skipped(str(f))
    if not found:
        yield Item(item, error="no file of a kind read here (text, HTML, PDF, WARC, JSONL)")


# --- Items: the documents of one file --------------------------------------------------------

def items(path: Path, stats: WarcStats | None = None) -> Iterator[Item]:
    """The documents of one file: one for text, HTML or PDF (gzipped or not); one per document
    record of a WARC (response, resource, conversion; others counted in ``stats``) or JSONL
    archive (``{url, html|text}`` per line)."""
    try:
        check_regular(path)
        if is_warc(path):
            yield from _warc(path, stats if stats is not None else WarcStats())
        elif is_archive(path):
            yield from _jsonl(path)
        else:
            yield Item(str(path), read_file(path), name=path.name.removesuffix(".gz")
                       .removesuffix(".GZ"))
    except DocumentError as exc:
        yield Item(str(path), error=str(exc))
    except OSError as exc:
        yield Item(str(path), error=f"cannot read: {exc.strerror or exc}")


def _from_warc(path: Path, rec: WarcResponse) -> Item:
    return Item(str(path), rec.payload, content_type=rec.content_type, uri=rec.uri,
                kind="warc_record", record_id=rec.record_id, offset=rec.offset,
                retrieved_at=rec.date, flags=rec.flags)


def _warc(path: Path, stats: WarcStats) -> Iterator[Item]:
    problems = 0
    try:
        for rec in iter_responses(str(path), stats):
            if isinstance(rec, WarcProblem):
                problems += 1
                yield Item(str(path), offset=rec.offset,
                           error=f"{rec.message} at offset {rec.offset:,}")
            else:
                yield _from_warc(path, rec)
    except (OSError, ValueError) as exc:
        yield Item(str(path), error=f"WARC could not be read after {stats.read} records: {exc}")
        return
    if not stats.read and not problems:
        yield Item(str(path), error=f"no response, resource or conversion record in the WARC "
                                    f"({stats})")


def _jsonl(path: Path) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    offset = 0
    try:
        with opener(path, "rb") as fh:

            def lines() -> Iterator[tuple[int, bytes]]:
                nonlocal offset
                for line in fh:
                    start, offset = offset, offset + len(line)
                    yield start, line

            yield from _jsonl_lines(path, lines())
    except (OSError, EOFError, zlib.error) as exc:
        yield Item(str(path), offset=offset, error=f"unreadable after this offset: {exc}")


def _jsonl_lines(path: Path, lines: Iterable[tuple[int, bytes]]) -> Iterator[Item]:
    for start, line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not an object")
            uri = str(obj.get("url") or "")
            if isinstance(obj.get("html"), str):
                yield Item(str(path), obj["html"].encode("utf-8"), uri=uri, offset=start,
                           content_type="text/html; charset=utf-8")
            elif isinstance(obj.get("text"), str):
                yield Item(str(path), obj["text"].encode("utf-8"), uri=uri, offset=start,
                           content_type="text/plain; charset=utf-8")
            else:
                raise ValueError("no 'html' or 'text' string")
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            yield Item(str(path), offset=start, error=f"bad JSONL line: {exc}")


def item_at(path: Path, offset: int) -> Item:
    """The one record that starts at ``offset`` of a WARC or JSONL file (a scan hit's address)."""
    if is_warc(path):
        hit = read_at(path, offset)
        if hit is None:
            raise DocumentError(f"{path}: no WARC document record at offset {offset}")
        return _from_warc(path, hit)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        fh.seek(offset)
        line = fh.readline()
    for found in _jsonl_lines(path, [(offset, line)]):
        if found.error is None:
            return found
    raise DocumentError(f"{path}: no JSONL record at offset {offset}")


# --- Documents, in this process (the stored routes use pipeline.documents.read) -------------

def document(item: Item) -> Document:
    """``load_bytes`` of one Item in this process, with what the Item knows beside the bytes
    (record ID, offset, retrieval date, flags); an Item's error is the Document's."""
    if item.error is not None:
        return Document(path=item.path, uri=item.uri or None, offset=item.offset,
                        errors=[item.error])
    from .load import load_bytes  # the parsers load when the first document needs them

    doc = load_bytes(item.payload, path=item.path, content_type=item.content_type,
                     uri=item.uri or None, name=None if item.uri else item.name)
    return complete(doc, item)


def complete(doc: Document, item: Item) -> Document:
    """What the Item knows about its document beside the bytes, added to it."""
    doc.warc_record_id, doc.offset = item.record_id, item.offset
    doc.retrieved_at = doc.retrieved_at or item.retrieved_at
    doc.published_at = doc.published_at or item.published_at
    doc.flags.extend(f for f in item.flags if f not in doc.flags)
    return doc


def load_path(path: str | Path, stats: WarcStats | None = None) -> Iterator[Document]:
    """Documents of one file (see ``items``), read in this process."""
    for item in items(Path(path), stats):
        yield document(item)


def load_inputs(inputs: Iterable[str | Path],
                report: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Documents of every input (see ``expand``); a bad input is one error entry and the others
    go on. ``report`` is told what each WARC read and skipped, and how many files of other
    kinds folders held."""
    others: list[str] = []
    for found in expand(inputs, skipped=others.append):
        if isinstance(found, Item):
            yield document(found)
            continue
        stats = WarcStats()
        yield from load_path(found, stats)
        if report is not None and is_warc(found):
            report(f"{found}: {stats}")
    if report is not None and others:
        report(f"skipped {len(others)} files of other kinds (first: {others[0]})")
