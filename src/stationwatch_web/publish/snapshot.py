"""What a release holds, read from the database through allow-lists only.

Every value leaving here is a plain string, number or list built from a named field of a
published station, a response, a bureau or a cited source. Cases are never queried, and no
model object reaches the templates, so a field nobody listed cannot end up in a page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q

from stationwatch.export import formats, release
from stationwatch_web.atlas import exports, pages, selectors
from stationwatch_web.atlas.models import Response, Station
from stationwatch_web.evidence.models import Claim
from stationwatch_web.links import ReleaseUrls


@dataclass
class Snapshot:
    stations: list[dict[str, Any]] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    bureaus: list[dict[str, Any]] = field(default_factory=list)
    countries: list[dict[str, Any]] = field(default_factory=list)
    statistics: dict[str, Any] = field(default_factory=dict)
    timeline: dict[str, Any] = field(default_factory=dict)
    map_data: dict[str, Any] = field(default_factory=dict)
    filter_options: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    unreviewed: list[str] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """SHA-256 over the data files: two snapshots of the same data share it."""
        h = hashlib.sha256()
        for name in sorted(self.files):
            h.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        return h.hexdigest()

    @property
    def counts(self) -> dict[str, int]:
        return {"stations": len(self.stations),
                "countries": sum(1 for c in self.countries if c["counted"]),
                "responses": len(self.responses), "sources": len(self.sources)}


def _resting_on_unreviewed(qs: Any) -> set[str]:
    """Keys of records with a claim not accepted, or one a newer extractor questions, or with
    no accepted claim at all."""
    doubtful = qs.filter(Q(claims__status__in=["candidate", "rejected"])
                         | Q(claims__needs_review=True)).values_list("key", flat=True)
    supported = qs.filter(claims__status="accepted").values_list("key", flat=True)
    return set(doubtful) | (set(qs.values_list("key", flat=True)) - set(supported))


def unreviewed() -> list[str]:
    """The records a release would publish that rest on unreviewed claims."""
    return sorted({f"station {k}" for k in _resting_on_unreviewed(
        Station.objects.filter(published=True))}
        | {f"response {k}" for k in _resting_on_unreviewed(Response.objects.all())})


def _station_pages(records: dict[str, dict[str, Any]], sources: dict[str, dict[str, Any]]
                   ) -> list[dict[str, Any]]:
    """Each published station's page: its release record and what its page shows."""
    accepted = Claim.objects.filter(status="accepted").select_related("source").order_by("id")
    qs = (selectors.station_published_list().order_by("key")
          .prefetch_related(Prefetch("claims", queryset=accepted, to_attr="accepted")))
    out = []
    for s in qs.iterator(chunk_size=exports.CHUNK):
        page = {**records[s.key], **pages.station_page(s, s.accepted)}
        for c in page["citations"]:
            sources.setdefault(c["source"]["citation"], c["source"])
        out.append(page)
    return out


def build() -> Snapshot:
    """Read everything a release publishes; the data files are rendered here too."""
    snap = Snapshot(unreviewed=unreviewed())
    snap.files = {f"data/{name}": "".join(exports.stream(name)).encode()
                  for name in formats.LIVE}
    records = {s["key"]: s for s in release.parse_stations(snap.files["data/stations.json"])}
    sources: dict[str, dict[str, Any]] = {}
    snap.stations = _station_pages(records, sources)
    for r in exports.responses():
        record = exports.response_record(r)
        for c in r.accepted:  # type: ignore[attr-defined]
            sources.setdefault(pages.citation(c.source), pages.source_record(c.source))
        snap.responses.append({**record, **pages.response_row(r)})
    snap.sources = [sources[k] for k in sorted(sources)]
    snap.files["data/sources.csv"] = "".join(
        formats.EXPORTS["sources.csv"].write(snap.sources)).encode()

    snap.countries = pages.country_pages(snap.stations, snap.responses)
    # Every bureau has a page, as live: a station's bureau links to its parent and children.
    snap.bureaus = pages.bureau_pages(snap.stations)

    stats = selectors.statistics()
    stats["continents"].sort(key=lambda c: (-c["stations"], c["code"] or ""))
    stats["bureaus"].sort(key=lambda b: (-b["stations"], b["key"]))
    stats["responses"].sort(key=lambda r: (-r[1], r[0]))
    snap.statistics = stats
    snap.timeline = selectors.timeline()
    snap.map_data = selectors.map_data(urls=ReleaseUrls())
    snap.filter_options = selectors.filter_options()
    return snap
