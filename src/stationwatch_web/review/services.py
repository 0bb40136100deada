"""Review decisions on candidate claims, and re-review when the extractor changes.

An analyst accepts, rejects or edits a claim; the machine's value stays beside the edit, with
who and when. Accepting a station claim attaches it to a station (an existing one, or one
created from the claim) and recomputes that station's corroboration; accepting a response
claim records the response and moves the country's stations along their lifecycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from stationwatch import model
from stationwatch.errors import StationwatchError
from stationwatch.extract import EXTRACTOR_VERSION
from stationwatch.ingest.sources import Item
from stationwatch.pipeline.documents import read
from stationwatch_web.atlas.models import Station
from stationwatch_web.atlas.services import (
    response_from_claim,
    station_confidence_update,
    station_for_value,
)
from stationwatch_web.audit.services import audit_record
from stationwatch_web.evidence.ingest import parser_limits
from stationwatch_web.evidence.models import Claim, Source
from stationwatch_web.evidence.services import blob_store, candidate_claims

DECISIONS = ("accept", "reject")


class ReviewError(StationwatchError):
    """A review that cannot be applied (the message says why); nothing was changed."""


def claim_review(*, claim: Claim, user: Any, decision: str, value: dict[str, Any] | None = None,
                 credibility: int | None = None, reliability: str | None = None,
                 station: Station | None = None, note: str = "",
                 stations: list[Station] | None = None) -> Claim:
    """Accept or reject a claim (``value`` edits it). ``station``: the station a station claim
    supports; ``stations``: those a response concerns (default: those its evidence names)."""
    if decision not in DECISIONS:
        raise ReviewError(f"unknown decision {decision!r} (accept or reject)")
    if credibility is not None and credibility not in model.CREDIBILITY:
        raise ReviewError(f"credibility must be 1-6, not {credibility}")
    if reliability is not None and reliability not in model.RELIABILITY:
        raise ReviewError(f"reliability must be A-F, not {reliability!r}")
    before = {"status": claim.status, "value": claim.value, "credibility": claim.credibility,
              "reliability": claim.source.reliability}
    with transaction.atomic():
        claim = Claim.objects.select_for_update().select_related("source").get(pk=claim.pk)
        edited = value is not None and value != claim.value
        if edited:
            claim.value = value
        if credibility is not None:
            claim.credibility = credibility
        if decision == "accept" and settings.SW.two_person_review:
            if claim.proposed_by_id is not None and claim.proposed_by_id == user.pk:
                raise ReviewError("two-person review: you proposed this claim (you ingested "
                                  "its source or edited it), so another analyst accepts it")
            # An edit is this reviewer's proposal now; a claim no person proposed yet (CLI
            # ingest, `watch`, scans: the machine's) becomes this reviewer's proposal. Either
            # way someone else accepts it: two people stand behind every accepted claim.
            if edited or claim.proposed_by_id is None:
                claim.proposed_by = user
                claim.save()
                audit_record(actor=user, action="claim.edit" if edited else "claim.propose",
                             obj=claim, detail={
                                 "before": before, "after": {"value": claim.value,
                                                             "credibility": claim.credibility}})
                return claim
        claim.status = "accepted" if decision == "accept" else "rejected"
        claim.reviewer, claim.reviewed_at = user, timezone.now()
        claim.needs_review, claim.review_note = False, note[:2000]
        claim.save()
        source = claim.source
        if reliability is not None and reliability != source.reliability:
            Source.objects.filter(pk=source.pk).update(reliability=reliability)
            source.reliability = reliability
        touched = set(Station.objects.filter(claims=claim))
        if decision == "accept":
            touched |= _attach(claim, station, stations)
        else:
            for s in touched:
                s.claims.remove(claim)
        for s in touched:
            station_confidence_update(s)
        audit_record(actor=user, action=f"claim.{decision}", obj=claim, detail={
            "before": before, "after": {"status": claim.status, "value": claim.value,
                                        "credibility": claim.credibility,
                                        "reliability": source.reliability},
            "stations": sorted(s.key for s in touched)})
    return claim


def _attach(claim: Claim, station: Station | None,
            stations: list[Station] | None = None) -> set[Station]:
    try:
        if claim.kind == "station":
            if station is None:
                station, created = station_for_value(claim.value)
                if created:  # unpublished: publishing a station is an editor's act
                    audit_record(action="station.create", obj=station,
                                 detail={"from_claim": claim.pk, "published": False})
            station.claims.add(claim)
            return {station}
        if claim.kind == "response":
            source = claim.source
            when = (source.published_at or source.retrieved_at or source.created_at).date()
            return set(response_from_claim(claim, when, stations).stations.all())
    except (ValueError, StationwatchError) as exc:
        raise ReviewError(str(exc)) from None
    return set()


@dataclass
class ReextractReport:
    sources: int = 0
    replaced: int = 0
    flagged: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (f"re-extracted {self.sources} sources with {EXTRACTOR_VERSION}: "
                f"{self.replaced} candidate claims replaced, {self.flagged} reviewed claims "
                f"flagged for re-review (their status is unchanged)")
        return text + "".join(f"\n  {p}" for p in self.problems)


def claims_reextract(*, everything: bool = False) -> ReextractReport:
    """Run the current extractor over sources whose claims an older one made.

    Unreviewed candidates are replaced by the new proposals. Reviewed claims are never changed:
    one the new extractor no longer proposes is flagged ``needs_review`` for an analyst.
    """
    report = ReextractReport()
    stale = Claim.objects.exclude(extractor_version=EXTRACTOR_VERSION).exclude(
        source__kind="citation")
    ids = Source.objects.filter(pk__in=stale.values("source_id")) if not everything else \
        Source.objects.exclude(kind="citation")
    store = blob_store()
    limits = parser_limits()
    for source in ids.iterator():
        try:
            data = store.get(str(source.sha256))
        except StationwatchError as exc:
            report.problems.append(str(exc))
            continue
        done = read(Item(source.origin or str(source.pk), data, uri=source.url,
                         content_type=source.media_type), limits=limits)
        if done.document.errors:
            report.problems.append(f"source {source.pk}: {'; '.join(done.document.errors)}")
            continue
        proposed = {(p.kind, _key(p.value)) for p in done.proposals}
        with transaction.atomic():
            old = Claim.objects.filter(source=source, status="candidate")
            report.replaced += old.count()
            old.delete()
            Claim.objects.bulk_create(
                c for c in candidate_claims(source, done, proposer=None)
                if not Claim.objects.filter(source=source, kind=c.kind, machine_value=c.value)
                .exclude(status="candidate").exists())
            for c in Claim.objects.filter(source=source).exclude(status="candidate"):
                if (c.kind, _key(c.machine_value)) not in proposed and not c.needs_review:
                    c.needs_review = True
                    c.save(update_fields=["needs_review"])
                    report.flagged += 1
            audit_record(action="source.reextract", obj=source,
                         detail={"extractor": EXTRACTOR_VERSION})
        report.sources += 1
    return report


def _key(value: Any) -> str:
    import json

    return json.dumps(value, sort_keys=True)
