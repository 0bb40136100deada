"""THE route from an input's bytes to what is stored or printed: ``read(item) -> Read``.

`extract`, `scan`, `ingest` (files, URLs, feeds), the web upload, capture, `reextract` and
`scan --into-db` all read documents here. With ``limits`` the bytes are parsed in a child
process under memory and CPU limits (ingest/sandbox.py): every document that will be stored is
read that way. Without, in this process (what `extract` and a plain `scan` print).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from functools import cached_property
from typing import TYPE_CHECKING

from ..ingest.document import Document, feed_date
from ..ingest.sources import Item, complete, document
from ..model import Extraction, Proposal

if TYPE_CHECKING:  # the parsers and the extractor load when the first document needs them
    from ..capture import Fetched
    from ..ingest.sandbox import Limits

log = logging.getLogger(__name__)


@dataclass
class Read:
    """One document read: its text, what the extractor found, the claims it proposes; and, for
    the store, its near-duplicate signature and search key (computed when first asked for)."""

    item: Item
    document: Document
    extraction: Extraction
    proposals: list[Proposal] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.document.errors or self.extraction.errors

    @cached_property
    def signature(self) -> bytes | None:
        from ..evidence import similar

        return similar.signature(self.document.text)

    @cached_property
    def search_key(self) -> str:
        from ..text import search_key

        return search_key(f"{self.document.title}\n{self.document.text}")

    def as_dict(self) -> dict[str, object]:
        """The `extract` output line: the extraction, the known dates and the flags."""
        return {**self.extraction.as_dict(), **self.document.output_fields()}


def proposals(found: Extraction) -> list[Proposal]:
    """The claims an extraction proposes for review: one per station, bureau and response."""
    out = [Proposal("station", {k: st.get(k) for k in ("country", "city", "bureau", "count")},
                    st["evidence"]) for st in found.stations]
    out += [Proposal("bureau", {"name": b["name"]}, b["evidence"]) for b in found.bureaus]
    out += [Proposal("response", {"country": r["country"], "action": r["action"]},
                     r["evidence"]) for r in found.responses]
    return out


def load(item: Item, *, limits: Limits | None) -> Document:
    """The Item's Document: parsed under ``limits`` in a child, or in this process (None)."""
    if limits is None or item.error is not None:
        return document(item)
    from ..ingest.sandbox import load_bytes_limited

    doc = load_bytes_limited(item.payload, limits=limits, path=item.path,
                             content_type=item.content_type, uri=item.uri or None,
                             name=None if item.uri else item.name)
    return complete(doc, item)


def read(item: Item, *, limits: Limits | None) -> Read:
    """Read one Item: its Document, extraction and proposals. A document that cannot be read,
    or whose extraction fails, is a Read whose ``errors`` say why (never an exception)."""
    return _extracted(item, load(item, limits=limits))


def read_if(item: Item, *, limits: Limits | None, accept: Callable[[str], bool]) -> Read | None:
    """``read``, but a main text that ``accept`` refuses is not extracted: None (the scan's
    prefilter, applied again to the main text)."""
    doc = load(item, limits=limits)
    if not doc.errors and not accept(doc.text):
        return None
    return _extracted(item, doc)


def _extracted(item: Item, doc: Document) -> Read:
    from ..extract import extract

    try:
        found = extract(doc)
    except Exception as exc:  # noqa: BLE001 # one document's failure is its own entry
        log.debug("extraction failed for %s", doc.uri or doc.path, exc_info=True)
        found = extract(Document(path=doc.path, uri=doc.uri, errors=[
            f"extraction failed: {type(exc).__name__}: {exc}"]))
    return Read(item, doc, found, proposals(found) if not found.errors else [])


def item_fetched(fetched: Fetched, *, kind: str = "url", published: str = "") -> Item:
    """A capture as an Item: the body at its final URL; ``published`` is what a feed says of
    the page's date (RFC 822 or ISO 8601; used when the page itself gives none)."""
    return Item(fetched.final_url, fetched.body, content_type=fetched.content_type,
                uri=fetched.final_url, kind=kind,
                retrieved_at=fetched.retrieved_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                published_at=feed_date(published))


def query_key(words: str) -> str:
    """A search box's words folded as ``Read.search_key`` folds a document's text, so the web
    searches its index without reaching the text module itself."""
    from ..text import search_key

    return search_key(words)
