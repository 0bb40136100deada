"""PDF text with pypdf, resource limits on; a swallowed decompression limit is an error."""

from __future__ import annotations

import io
import logging
from typing import Any

from ..errors import DocumentError

MAX_PAGES = 500


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
        reader = PdfReader(io.BytesIO(data), strict=False)
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
    finally:
        pypdf_log.removeHandler(handler)
    text = "\n\n".join(p.strip() for p in parts if p.strip())
    if not text:
        reason = f" ({warnings[-1]})" if warnings else ""
        raise DocumentError(f"no text in the PDF{reason}")
    return text, flags
