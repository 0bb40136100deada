"""PDF text with pypdf, resource limits on; a swallowed decompression limit is an error."""

from __future__ import annotations

import io
import logging

from ..errors import DocumentError

MAX_PAGES = 500


def pdf_text(data: bytes) -> str:
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
    return text
