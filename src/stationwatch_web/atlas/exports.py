"""The published records for the exports, read from the database in chunks.

Rows are read in chunks and handed to the core's writers (``stationwatch.export.formats``) as
they come, so memory stays flat however many stations there are; every record carries its
Admiralty grades and the citations it rests on, and passes ``schema.only_allowed``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from stationwatch.export import formats, schema
from stationwatch_web.evidence.models import Claim

from .models import Response, Station
from .selectors import StationFilters, country_name, station_published_list

CHUNK = 2000


def citations(station_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """(source, grade) of each accepted claim behind the given stations, in one query."""
    through = Station.claims.through
    rows = (through.objects.filter(station_id__in=station_ids, claim__status="accepted")
            .order_by().values_list("station_id", "claim_id", "claim__credibility",
                                    "claim__source__url", "claim__source__sha256",
                                    "claim__source__reliability"))
    out: dict[int, list[tuple[int, str, str]]] = {}
    for station_id, claim_id, credibility, url, sha, reliability in rows:
        out.setdefault(station_id, []).append(
            (claim_id, url or f"sha256:{sha}", f"{reliability}{credibility}"))
    return {k: [(src, grade) for _id, src, grade in sorted(v)] for k, v in out.items()}


def _stations(filters: StationFilters | None) -> Iterator[Station]:
    """Published stations in id order, each with ``citations`` attached, a chunk at a time."""
    qs = station_published_list(filters).order_by("id")
    last = 0
    while True:
        chunk = list(qs.filter(id__gt=last)[:CHUNK])
        if not chunk:
            return
        cites = citations([s.pk for s in chunk])
        for s in chunk:
            s.citations = cites.get(s.pk, [])  # type: ignore[attr-defined]
            yield s
        last = chunk[-1].pk


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def station_record(s: Station) -> dict[str, Any]:
    cites = getattr(s, "citations", None)
    if cites is None:
        cites = citations([s.pk]).get(s.pk, [])
    return schema.only_allowed({
        "key": s.key, "country": s.country, "country_name": country_name(s.country),
        "continent": s.continent, "city": s.city, "region": s.region,
        "location_label": s.location_label, "latitude": s.latitude, "longitude": s.longitude,
        "bureau": s.bureau.key if s.bureau else "", "bureau_label": s.bureau_label,
        "status": s.status, "front_type": s.front_type,
        "reported_on": _date(s.reported_on), "investigated_on": _date(s.investigated_on),
        "closure_ordered_on": _date(s.closure_ordered_on), "closed_on": _date(s.closed_on),
        "charged_on": _date(s.charged_on), "convicted_on": _date(s.convicted_on),
        "confidence": s.confidence, "independent_sources": s.independent_sources,
        "uncertain": s.uncertain,
        "sources": [src for src, _grade in cites],
        "grades": [grade for _src, grade in cites],
    }, schema.STATION_SCHEMA)


def response_record(r: Response) -> dict[str, Any]:
    """One response's published fields; ``r.accepted`` holds its accepted claims."""
    claims = getattr(r, "accepted", None)
    if claims is None:
        claims = list(r.claims.filter(status="accepted").select_related("source"))
    return schema.only_allowed({
        "key": r.key, "country": r.country, "country_name": country_name(r.country),
        "actor": r.actor, "action": r.action, "date": _date(r.date), "date_text": r.date_text,
        "summary": r.summary,
        "sources": [c.source.url or f"sha256:{c.source.sha256}" for c in claims],
        "grades": [f"{c.source.reliability}{c.credibility}" for c in claims],
    }, schema.RESPONSE_SCHEMA)


def responses() -> Iterator[Response]:
    """Every response in date order, each with its accepted claims as ``accepted``."""
    accepted = Claim.objects.filter(status="accepted").select_related("source").order_by("id")
    return Response.objects.order_by("date", "key").prefetch_related(
        Prefetch("claims", queryset=accepted, to_attr="accepted")).iterator(chunk_size=CHUNK)


def records(table: str, filters: StationFilters | None = None) -> Iterator[dict[str, Any]]:
    """The published records of a live export's table; ``filters`` narrow the stations."""
    if table == "stations":
        return (station_record(s) for s in _stations(filters))
    if table == "responses":
        return (response_record(r) for r in responses())
    raise KeyError(f"no live records for table {table!r}")


def stream(name: str, filters: StationFilters | None = None) -> Iterator[str]:
    """The export ``name`` (a key of ``formats.EXPORTS``) as text chunks."""
    export = formats.EXPORTS[name]
    return export.write(records(export.table, filters))
