"""A document already loaded, stored through the one writer (``source_store``) as it is."""

from stationwatch.extract import extract
from stationwatch.ingest import Document, Item
from stationwatch.pipeline.documents import Read, proposals
from stationwatch_web.evidence.services import IngestResult, source_store


def store_document(doc: Document, *, payload: bytes, origin: str, kind: str = "file",
                   uri: str = "") -> IngestResult:
    found = extract(doc)
    read = Read(Item(doc.path, payload, uri=uri, kind=kind), doc, found, proposals(found))
    return source_store(read=read, origin=origin)
