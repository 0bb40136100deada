"""Writes to the evidence store: sources from found documents, with candidate claims."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from stationwatch.evidence import BlobStore
from stationwatch.extract import EXTRACTOR_VERSION
from stationwatch_web.audit.services import audit_record

from .models import Claim, Source

#: Credibility of a machine proposal before review: 'truth cannot be judged'.
CANDIDATE_CREDIBILITY = 6


def blob_store() -> BlobStore:
    return BlobStore(settings.SW.data_dir / "evidence")


@dataclass
class IngestResult:
    source: Source
    created: bool
    claims: int


def _claims(found: dict[str, Any]) -> list[tuple[str, dict[str, Any], list[dict[str, Any]]]]:
    out: list[tuple[str, dict[str, Any], list[dict[str, Any]]]] = []
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
                        tags: tuple[str, ...] = ()) -> IngestResult:
    """Store the bytes, create their Source and one candidate Claim per extracted claim.

    Identical bytes already stored create nothing ("already have it"); the blob is written
    before the row, so no row ever points at a missing blob.
    """
    sha, _ = blob_store().put(payload)
    with transaction.atomic():
        existing = Source.objects.filter(sha256=sha).first()
        if existing is not None:
            return IngestResult(existing, created=False, claims=0)
        source = Source.objects.create(
            kind=kind, url=uri[:2000], title=title[:500], language=found.get("lang", ""),
            sha256=sha, media_type=media_type[:100], size=len(payload), text=text,
            warc_record_id=warc_record_id, origin=origin[:1000], origin_offset=origin_offset,
            tags=list(tags))
        claims = [Claim(source=source, kind=k, value=v, machine_value=v, evidence=ev,
                        status="candidate", credibility=CANDIDATE_CREDIBILITY,
                        extractor_version=EXTRACTOR_VERSION)
                  for k, v, ev in _claims(found)]
        Claim.objects.bulk_create(claims)
        audit_record(action="source.ingest", obj=source,
                     detail={"claims": len(claims), "kind": kind})
    return IngestResult(source, created=True, claims=len(claims))
