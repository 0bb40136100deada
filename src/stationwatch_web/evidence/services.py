"""Writes to the evidence store: Sources from read documents, with their candidate claims."""

from __future__ import annotations

import hashlib
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction

from stationwatch.evidence import BlobStore, similar
from stationwatch.extract import EXTRACTOR_VERSION
from stationwatch.ingest.document import as_datetime
from stationwatch.pipeline.documents import Read
from stationwatch_web.audit.services import audit_record

from .models import Claim, Source, StoryBand

#: Credibility of a machine proposal before review: 'truth cannot be judged'.
CANDIDATE_CREDIBILITY = 6
#: The account on whose behalf documents are being ingested (a web job's creator), recorded as
#: the proposer of the claims; None for the CLI and other system work.
PROPOSER: ContextVar[Any] = ContextVar("stationwatch_proposer", default=None)


def blob_store() -> BlobStore:
    return BlobStore(settings.SW.data_dir / "evidence")


@dataclass(frozen=True)
class CaptureMeta:
    """What a URL capture adds to a source: the exchange and its WARC file."""

    requested_url: str
    http_status: int
    http_headers: list[tuple[str, str]]
    retrieved_at: datetime
    warc: bytes
    extra_tags: tuple[str, ...] = field(default=())


@dataclass
class IngestResult:
    source: Source
    created: bool
    claims: int


def candidate_claims(source: Source, read: Read, proposer: Any) -> list[Claim]:
    """Unsaved candidate Claims of a source, one per proposal of its Read: the machine's value
    kept beside the (not yet edited) value, with the extractor's version and the proposer."""
    return [Claim(source=source, kind=p.kind, value=p.value, machine_value=p.value,
                  evidence=p.evidence, status="candidate", credibility=CANDIDATE_CREDIBILITY,
                  extractor_version=EXTRACTOR_VERSION, proposed_by=proposer)
            for p in read.proposals]


def source_store(*, read: Read, origin: str, tags: tuple[str, ...] = (),
                 capture: CaptureMeta | None = None, proposer: Any = None) -> IngestResult:
    """Store a Read: its bytes, its Source and one candidate Claim per proposal. The one
    writer of Sources and their candidate claims (ingest, upload, capture, feeds, scan sink).

    Identical bytes already stored create nothing ("already have it"); the blobs (and a
    capture's WARC file) are written before the row, so no row ever points at a missing blob.
    A source whose text is a near-copy of an earlier one joins that one's story group.
    ``published_at`` (the page's own metadata, else a feed's date) and ``retrieved_at`` (an
    archive's record date; a capture's own time wins) stay empty when unknown, never today.
    ``proposer`` (default: ``PROPOSER``, a web job's creator) is recorded on the claims.
    """
    item, doc = read.item, read.document
    payload = item.payload
    store = blob_store()
    sha = hashlib.sha256(payload).hexdigest()
    existing = Source.objects.filter(sha256=sha).first()
    if existing is not None:
        return IngestResult(existing, created=False, claims=0)
    store.put(payload)
    capture_sha = store.put(capture.warc)[0] if capture is not None else ""
    sig = read.signature
    tags = (*tags, *doc.flags)
    with transaction.atomic():
        existing = Source.objects.filter(sha256=sha).first()
        if existing is not None:
            return IngestResult(existing, created=False, claims=0)
        source = Source.objects.create(
            kind=item.kind, url=item.uri[:2000], title=doc.title[:500],
            language=read.extraction.lang, sha256=sha, media_type=doc.media_type[:100],
            size=len(payload), text=doc.text, warc_record_id=item.record_id or "",
            origin=origin[:1000], origin_offset=item.offset, tags=list(dict.fromkeys(tags)),
            minhash=sig, search_text=read.search_key,
            **{"published_at": as_datetime(doc.published_at),
               "retrieved_at": as_datetime(doc.retrieved_at),
               **(_capture_fields(capture, capture_sha) if capture is not None else {})})
        source.story_group = _story_group(source, sig)
        Source.objects.filter(pk=source.pk).update(story_group=source.story_group)
        claims = candidate_claims(source, read, proposer if proposer is not None
                                  else PROPOSER.get())
        Claim.objects.bulk_create(claims)
        # The blob hashes are in the keyed entry: `verify` finds a source pointed at other bytes.
        audit_record(action="source.ingest", obj=source,
                     detail={"claims": len(claims), "kind": item.kind,
                             "story_group": source.story_group, "sha256": sha,
                             "capture_sha256": capture_sha})
    return IngestResult(source, created=True, claims=len(claims))


def _capture_fields(capture: CaptureMeta, capture_sha: str) -> dict[str, Any]:
    return {"requested_url": capture.requested_url[:2000], "http_status": capture.http_status,
            "http_headers": [list(h) for h in capture.http_headers],
            "retrieved_at": capture.retrieved_at, "capture_sha256": capture_sha}


def _story_group(source: Source, sig: bytes | None) -> int:
    """The story group of a new source: that of the most similar earlier source sharing an
    LSH band at or above the same-story threshold, else a group of its own."""
    if sig is None:
        return int(source.pk)
    keys = similar.band_keys(sig)
    candidates = (Source.objects.filter(pk__in=StoryBand.objects.filter(key__in=keys)
                                        .values("source_id"))
                  .exclude(pk=source.pk).values_list("pk", "story_group", "minhash"))
    best, group = similar.SAME_STORY, int(source.pk)
    for pk, other_group, other_sig in candidates:
        if other_sig is None:
            continue
        score = similar.similarity(sig, bytes(other_sig))
        if score >= best:
            best, group = score, other_group or pk
    StoryBand.objects.bulk_create([StoryBand(source=source, key=k) for k in keys])
    return group
