"""PDF text with pypdf, resource limits on; a swallowed decompression limit is an error.

pypdf reads non-strictly: a file without its cross-reference table or ``startxref`` pointer has
the table rebuilt by pypdf from the objects themselves. Whatever else a malformed file makes
pypdf raise is an error for that file only.

The text is the page text with its visual line breaks undone: a line that runs to about the
width of the page's longest line, ends in a comma or is followed by a line starting in lower
case continues on the next (joined with a space), and a word
hyphenated at the end of a line is joined again ('Qing-' + 'tian' -> 'Qingtian'; 'Hongkong-'
+ 'Chinesen' keeps its hyphen). Short lines (headings, the last line of a paragraph, list items)
keep their breaks. The joined text *is* the document text, so evidence offsets and quotes are
exact into it.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from typing import Any

from ..errors import DocumentError

MAX_PAGES = 500
#: A line at least this share of the page's longest line is taken to wrap onto the next.
WRAPPED_SHARE = 0.75
_HYPHENS = "-\u00ad\u2010\u2011"
_BULLET = re.compile(r"\s*(?:[\u2022\u00b7\u25aa\u25cf\u2013\u2014*-]\s|\d{1,3}[.)]\s|\(\w\)\s)")
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")


def repair_surrogates(text: str) -> str:
    """Surrogate pairs (from a broken ToUnicode map) made whole characters; lone ones dropped.
    Text with a surrogate left in it cannot be written out as UTF-8."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def _width(line: str) -> int:
    """Display width: a CJK character takes the room of two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _joiner(line: str, following: str, width: int) -> str | None:
    """What goes between a line and the next: None keeps the line break."""
    if not line or not following or _BULLET.match(following):
        return None
    head = following.lstrip()[:1]
    if len(line) >= 2 and line[-1] in _HYPHENS and line[-2].isalpha():
        if line[-1] == "\u00ad" or head.islower():
            return ""  # a word broken at the line end (the hyphen is dropped below)
        return "-"  # a hyphenated compound: 'Hongkong-' 'Chinesen'
    # A sentence goes on: the line is about as wide as the page's text, or ends in a comma,
    # or the next line starts in lower case (a ragged right margin).
    if _width(line) < WRAPPED_SHARE * width and line[-1] not in ",;" and not head.islower():
        return None
    if _CJK.match(line[-1]) and _CJK.match(head or " "):
        return ""
    return " "


def join_lines(page: str) -> str:
    """A page's text with its wrapped lines and end-of-line hyphenation joined."""
    lines = [line.strip() for line in page.splitlines()]
    width = max((_width(line) for line in lines), default=0)
    out: list[str] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        joiner = _joiner(line, following, width)
        if joiner is None:
            out.append(line + "\n")
        elif joiner == "-" or (joiner == "" and line[-1:] in _HYPHENS):
            out.append(line[:-1] + joiner)  # the hyphen itself: dropped or kept once
        else:
            out.append(line + joiner)
    return "".join(out).strip()


def _action_flags(action: Any) -> list[str]:
    action = action.get_object() if hasattr(action, "get_object") else action
    kind = action.get("/S") if isinstance(action, dict) else None
    return {"/JavaScript": ["pdf:javascript"], "/Launch": ["pdf:launch-action"],
            "/SubmitForm": ["pdf:form"]}.get(str(kind), [])


def pdf_flags(reader: Any) -> list[str]:
    """What a PDF carries besides text: scripts, launch actions, embedded files, forms. Only
    noted; pypdf runs nothing and nothing embedded is extracted."""
    found: set[str] = set()
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    if "/JavaScript" in names:
        found.add("pdf:javascript")
    if "/EmbeddedFiles" in names:
        found.add("pdf:embedded-files")
    if "/AcroForm" in root:
        found.add("pdf:form")
    if "/OpenAction" in root:
        found.update(_action_flags(root["/OpenAction"]))
    if "/AA" in root:
        found.add("pdf:automatic-action")
    for page in reader.pages[:MAX_PAGES]:
        if "/AA" in page:
            found.add("pdf:automatic-action")
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if "/A" in annot:
                found.update(_action_flags(annot["/A"]))
            if annot.get("/Subtype") == "/FileAttachment":
                found.add("pdf:embedded-files")
    return sorted(found)


def pdf_text(data: bytes) -> tuple[str, list[str]]:
    """The text of a PDF, and its flags (see ``pdf_flags``)."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    warnings: list[str] = []

    class _Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    handler = _Catch(level=logging.WARNING)
    pypdf_log = logging.getLogger("pypdf")
    pypdf_log.addHandler(handler)
    try:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
        except PdfReadError as exc:
            if "startxref" not in str(exc):
                raise
            # No cross-reference pointer at all: point at offset 0, which pypdf's non-strict
            # reading takes as a broken table and rebuilds from the objects.
            reader = PdfReader(io.BytesIO(data + b"\nstartxref\n0\n%%EOF\n"), strict=False)
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(f"PDF has {len(reader.pages)} pages (limit {MAX_PAGES})")
        flags = pdf_flags(reader)
        parts = []
        for page in reader.pages:
            # extract_text() swallows LimitReachedError; read the content stream first so a
            # decompression bomb is refused rather than stored as empty text.
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
            parts.append(page.extract_text() or "")
    except LimitReachedError:
        raise DocumentError("PDF rejected: decompression limit reached") from None
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise DocumentError(f"PDF could not be read: {exc}") from None
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 # malformed files make pypdf raise anything
        raise DocumentError(f"PDF could not be read: {type(exc).__name__}: {exc}") from None
    finally:
        pypdf_log.removeHandler(handler)
    pages = (join_lines(repair_surrogates(p)) for p in parts)
    text = "\n\n".join(p for p in pages if p)
    if not text:
        reason = f" ({warnings[-1]})" if warnings else ""
        raise DocumentError(f"no text in the PDF{reason}")
    return text, flags
