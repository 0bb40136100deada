"""Bytes into a Document (text, HTML, PDF). Every failure becomes an ``errors`` entry, never a
crash; files and archives become bytes in ``sources``."""

from __future__ import annotations

from ..errors import DocumentError
from .decode import decode
from .document import Document
from .html import main_text
from .pdf import pdf_text, repair_surrogates


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
