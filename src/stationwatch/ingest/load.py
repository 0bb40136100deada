"""Load paths or bytes into Documents. Every failure becomes an ``errors`` entry, never a crash."""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import DocumentError
from .decode import decode
from .document import Document
from .html import main_text
from .pdf import pdf_text, repair_surrogates
from .warc import WarcProblem, WarcStats, iter_responses

#: Largest file read whole (WARC files stream record by record and have no such limit).
MAX_FILE_BYTES = 64 * 1024 * 1024


def _kind(name: str, data: bytes, content_type: str) -> str:
    lower = name.lower()
    ct = content_type.lower()
    if data.startswith(b"%PDF") or "application/pdf" in ct:
        return "pdf"
    # A declared Content-Type outranks the name's extension (a .html URI may serve text).
    if "html" in ct:
        return "html"
    if ct.startswith("text/plain"):
        return "text"
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".txt", ".text", ".md")):
        return "text"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")):
        return "html"
    return "text"


#: Leading bytes of formats that are never a document to read here (archives, images,
#: executables): refused before any decoder or parser sees them.
_BINARY_MAGIC = {b"PK\x03\x04": "zip archive", b"PK\x05\x06": "zip archive",
                 b"\x89PNG\r\n\x1a\n": "PNG image", b"\xff\xd8\xff": "JPEG image",
                 b"GIF87a": "GIF image", b"GIF89a": "GIF image",
                 b"7z\xbc\xaf\x27\x1c": "7z archive", b"Rar!\x1a\x07": "RAR archive",
                 b"\x1f\x8b": "gzip data", b"\x7fELF": "executable",
                 b"SIMPLE  =": "FITS image", b"\xfd7zXZ\x00": "xz data"}


def _binary_kind(data: bytes) -> str | None:
    return next((kind for magic, kind in _BINARY_MAGIC.items() if data.startswith(magic)), None)


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f")
              or 0xD800 <= ord(ch) <= 0xDFFF)
    return bad / len(sample) > 0.05


def _clean(text: str) -> str:
    # NUL bytes are never meaningful and PostgreSQL refuses them in text; a lone surrogate
    # cannot be written out as UTF-8 at all.
    return repair_surrogates(text.replace("\x00", ""))


def load_bytes(data: bytes, *, path: str, content_type: str = "", uri: str | None = None,
               name: str | None = None) -> Document:
    """One document from its bytes; problems are recorded in ``errors``.

    ``name`` (default: the URI or path) is what the type is guessed from besides the bytes.
    """
    doc = Document(path=path, uri=uri, media_type=content_type)
    try:
        if not data.strip():
            raise DocumentError("empty document")
        binary = _binary_kind(data)
        if binary is not None:
            raise DocumentError(f"binary data, not text ({binary})")
        kind = _kind(name or uri or path, data, content_type)
        if kind == "pdf":
            doc.media_type = "application/pdf"
            text, doc.flags = pdf_text(data)
            doc.text = _clean(text)
            doc.title = doc.text.split("\n", 1)[0][:300]
            return doc
        text, doc.encoding = decode(data, content_type)
        text = _clean(text)
        if _looks_binary(text):
            raise DocumentError("binary data, not text")
        if kind == "html":
            doc.media_type = doc.media_type or "text/html"
            title, body, doc.published_at = main_text(text)
            doc.title = title
            # The headline is part of what the page says; spans index into this text.
            doc.text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
        else:
            doc.media_type = doc.media_type or "text/plain"
            doc.text = text.strip("\ufeff").strip()
            if not doc.text:  # only NULs, byte-order marks or blanks
                raise DocumentError("empty document")
            doc.title = doc.text.split("\n", 1)[0][:300]
    except DocumentError as exc:
        doc.errors.append(str(exc))
    return doc


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


def _read(path: Path) -> bytes:
    data = read_capped(path, MAX_FILE_BYTES)
    if path.suffix == ".gz":
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


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz"))


def _warc(path: Path, stats: WarcStats) -> Iterator[Document]:
    problems = 0
    try:
        _refuse_by_type(path.stat().st_mode)
        for rec in iter_responses(str(path), stats):
            if isinstance(rec, WarcProblem):
                problems += 1
                yield Document(path=str(path), offset=rec.offset,
                               errors=[f"{rec.message} at offset {rec.offset:,}"])
                continue
            doc = load_bytes(rec.payload, path=str(path), content_type=rec.content_type,
                             uri=rec.uri)
            doc.warc_record_id, doc.offset = rec.record_id, rec.offset
            doc.retrieved_at = rec.date
            doc.flags.extend(rec.flags)
            yield doc
    except DocumentError as exc:
        yield Document(path=str(path), errors=[str(exc)])
        return
    except (OSError, ValueError) as exc:
        yield Document(path=str(path), errors=[f"WARC could not be read after {stats.read} "
                                               f"records: {exc}"])
        return
    if not stats.read and not problems:
        yield Document(path=str(path), errors=[f"no response, resource or conversion record "
                                               f"in the WARC ({stats})"])


def load_path(path: str | Path, stats: WarcStats | None = None) -> Iterator[Document]:
    """Documents of one file: one for text, HTML or PDF; one per document record (response,
    resource, conversion) of a WARC, whose other records are counted in ``stats``."""
    p = Path(path)
    if is_warc(p):
        yield from _warc(p, stats if stats is not None else WarcStats())
        return
    try:
        data = _read(p)
    except DocumentError as exc:
        yield Document(path=str(p), errors=[str(exc)])
        return
    except OSError as exc:
        yield Document(path=str(p), errors=[f"cannot read: {exc.strerror or exc}"])
        return
    yield load_bytes(data, path=str(p), name=p.name.removesuffix(".gz"))


def _files_under(folder: Path) -> list[Path]:
    """Every file under a folder (not following links to folders), in a stable order."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        found.extend(Path(root) / f for f in sorted(files))
    return found


def load_inputs(inputs: Iterable[str | Path],
                report: Callable[[str], None] | None = None) -> Iterator[Document]:
    """Documents of every input: files, and the files under folders. An input that cannot be
    read (missing, a device or pipe, too large) is one error entry and the others go on;
    ``report`` is told what each WARC read and skipped."""
    for item in inputs:
        p = Path(item)
        try:
            mode = p.stat().st_mode
        except OSError as exc:
            yield Document(path=str(item), errors=[f"cannot read: {exc.strerror or exc}"])
            continue
        files = _files_under(p) if stat.S_ISDIR(mode) else [p]
        if not files:
            yield Document(path=str(item), errors=["no files in the directory"])
        for f in files:
            stats = WarcStats()
            yield from load_path(f, stats)
            if report is not None and is_warc(f):
                report(f"{f}: {stats}")
