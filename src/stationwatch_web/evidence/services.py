"""Writes to the evidence store: sources from found documents, with candidate claims."""

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
from stationwatch.text import search_key
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


Proposal = tuple[str, dict[str, Any], list[dict[str, Any]]]  # (kind, value, evidence spans)


def claims_from_found(found: dict[str, Any]) -> list[Proposal]:
    """The claims an extraction result proposes."""
    out: list[Proposal] = []
    for st in found.get("stations", []):
        out.append(("station", {k: st.get(k) for k in ("country", "city", "bureau", "count")},
                    st["evidence"]))
    for b in found.get("bureaus", []):
        out.append(("bureau", {"name": b["name"]}, b["evidence"]))
    for r in found.get("responses", []):
        out.append(("response", {"country": r["country"], "action": r["action"]},
                    r["evidence"]))
    return out


def source_ingest_found(*, payload: bytes, found: dict[str, Any], text: str, title: str = "",
                        kind: str, uri: str = "", media_type: str = "",
                        warc_record_id: str = "", origin: str = "",
                        origin_offset: int | None = None,
                        tags: tuple[str, ...] = (),
                        capture: CaptureMeta | None = None,
                        published_at: datetime | None = None,
                        retrieved_at: datetime | None = None) -> IngestResult:
    """Store the bytes, create their Source and one candidate Claim per extracted claim.

    Identical bytes already stored create nothing ("already have it"); the blobs (and a
    capture's WARC file) are written before the row, so no row ever points at a missing blob.
    A source whose text is a near-copy of an earlier one joins that one's story group.
    ``published_at`` (the page's own metadata) and ``retrieved_at`` (an archive's record date;
    a capture's own time wins) stay empty when unknown, never today.
    """
    store = blob_store()
    sha = hashlib.sha256(payload).hexdigest()
    existing = Source.objects.filter(sha256=sha).first()
    if existing is not None:
        return IngestResult(existing, created=False, claims=0)
    store.put(payload)
    capture_sha = store.put(capture.warc)[0] if capture is not None else ""
    sig = similar.signature(text)
    with transaction.atomic():
        existing = Source.objects.filter(sha256=sha).first()
        if existing is not None:
            return IngestResult(existing, created=False, claims=0)
        source = Source.objects.create(
            kind=kind, url=uri[:2000], title=title[:500], language=found.get("lang", ""),
            sha256=sha, media_type=media_type[:100], size=len(payload), text=text,
            warc_record_id=warc_record_id, origin=origin[:1000], origin_offset=origin_offset,
            tags=list(tags), minhash=sig, search_text=search_key(f"{title}\n{text}"),
            **{"published_at": published_at, "retrieved_at": retrieved_at,
               **(_capture_fields(capture, capture_sha) if capture is not None else {})})
        source.story_group = _story_group(source, sig)
        Source.objects.filter(pk=source.pk).update(story_group=source.story_group)
        claims = [Claim(source=source, kind=k, value=v, machine_value=v, evidence=ev,
                        status="candidate", credibility=CANDIDATE_CREDIBILITY,
                        extractor_version=EXTRACTOR_VERSION, proposed_by=PROPOSER.get())
                  for k, v, ev in claims_from_found(found)]
        Claim.objects.bulk_create(claims)
        # The blob hashes are in the keyed entry: `verify` finds a source pointed at other bytes.
        audit_record(action="source.ingest", obj=source,
                     detail={"claims": len(claims), "kind": kind,
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
