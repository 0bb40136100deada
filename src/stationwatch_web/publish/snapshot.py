"""What a release holds, read from the database through allow-lists only.

Every value leaving here is a plain string, number or list built from a named field of a
published station, a response, a bureau or a cited source. Cases are never queried, and no
model object reaches the templates, so a field nobody listed cannot end up in a page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q
from django.utils.text import slugify

from stationwatch import model
from stationwatch.export import formats, release, schema
from stationwatch_web.atlas import exports, selectors
from stationwatch_web.atlas.models import Bureau, Response, Station
from stationwatch_web.atlas.services import station_timeline
from stationwatch_web.evidence.models import Claim, Source

#: Fields of a station shown on its page beyond the published table.
STATION_PAGE_FIELDS = ("front_detail", "notes")


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
        return {"stations": len(self.stations), "countries": len(self.countries),
                "responses": len(self.responses), "sources": len(self.sources)}


def _iso(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def citation(source: Source) -> str:
    return source.url or f"sha256:{source.sha256}"


def source_record(s: Source) -> dict[str, Any]:
    return schema.only_allowed({
        "citation": citation(s), "kind": s.kind, "url": s.url, "title": s.title,
        "publisher": s.publisher, "language": s.language, "published_at": _iso(s.published_at),
        "captured_at": _iso(s.retrieved_at), "reliability": s.reliability,
        "sha256": s.sha256 or "", "capture_sha256": s.capture_sha256}, schema.SOURCE_SCHEMA)


def page_name(key: str) -> str:
    """A file name for a record's page (keys are slugs; bureau keys may hold spaces)."""
    return slugify(key) or hashlib.sha256(key.encode()).hexdigest()[:16]


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
    accepted = Claim.objects.filter(status="accepted").select_related("source").order_by("id")
    qs = (selectors.station_published_list().order_by("key")
          .prefetch_related(Prefetch("claims", queryset=accepted, to_attr="accepted")))
    out = []
    for s in qs.iterator(chunk_size=exports.CHUNK):
        record = records[s.key]
        cites = []
        for c in s.accepted:
            src = sources.setdefault(citation(c.source), source_record(c.source))
            cites.append({"source": src, "grade": f"{c.source.reliability}{c.credibility}",
                          "reliability": model.RELIABILITY.label(c.source.reliability, ""),
                          "credibility": model.CREDIBILITY.label(c.credibility, "")})
        out.append({
            **record, **{f: getattr(s, f) for f in STATION_PAGE_FIELDS},
            "page": f"stations/{page_name(s.key)}.html",
            "country_page": f"countries/{page_name(s.country)}.html",
            "bureau_page": f"bureaus/{page_name(record['bureau'])}.html"
            if record["bureau"] else "",
            "status_label": model.STATUSES.label(s.status),
            "front_label": model.FRONT_TYPES.label(s.front_type),
            "confidence_label": s.get_confidence_display(),
            "timeline": [{"label": step["label"], "reached": step["reached"],
                          "date": step["date"].isoformat() if step["date"] else ""}
                         for step in station_timeline(s)],
            "citations": cites})
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
            sources.setdefault(citation(c.source), source_record(c.source))
        snap.responses.append({**record, "action_label": model.ACTIONS.label(record["action"])})
    snap.sources = [sources[k] for k in sorted(sources)]
    snap.files["data/sources.csv"] = "".join(
        formats.EXPORTS["sources.csv"].write(snap.sources)).encode()

    by_country: dict[str, list[dict[str, Any]]] = {}
    for s in snap.stations:
        by_country.setdefault(s["country"], []).append(s)
    responses_by_country: dict[str, list[dict[str, Any]]] = {}
    for r in snap.responses:
        responses_by_country.setdefault(r["country"], []).append(r)
    snap.countries = [{"code": code, "name": selectors.country_name(code),
                       "page": f"countries/{page_name(code)}.html",
                       "stations": by_country.get(code, []),
                       "responses": responses_by_country.get(code, [])}
                      for code in sorted(set(by_country) | set(responses_by_country))]
    by_bureau: dict[str, list[dict[str, Any]]] = {}
    for s in snap.stations:
        if s["bureau"]:
            by_bureau.setdefault(s["bureau"], []).append(s)
    bureaus = {b.key: b for b in Bureau.objects.select_related("parent")}
    snap.bureaus = [{"key": k, "name_en": bureaus[k].name_en, "name_zh": bureaus[k].name_zh,
                     "level": bureaus[k].get_level_display(),
                     "parent": bureaus[k].parent.key if bureaus[k].parent else "",
                     "page": f"bureaus/{page_name(k)}.html", "stations": by_bureau[k],
                     "countries": sorted({s["country"] for s in by_bureau[k]})}
                    for k in sorted(by_bureau)]

    stats = selectors.statistics()
    stats["continents"].sort(key=lambda c: (-c["stations"], c["code"] or ""))
    stats["bureaus"].sort(key=lambda b: (-b["stations"], b["key"]))
    for b in stats["bureaus"]:
        b["url"] = f"bureaus/{page_name(b['key'])}.html" if b["key"] else ""
    stats["responses"].sort(key=lambda r: (-r[1], r[0]))
    snap.statistics = stats
    snap.timeline = selectors.timeline()
    data = selectors.map_data()
    pages = {s["key"]: s["page"] for s in snap.stations}
    for m in data["markers"]:
        m["url"] = pages[m["key"]]
    for c in data["countries"]:
        c["url"] = f"countries/{page_name(c['code'])}.html"
    snap.map_data = data
    return snap
