"""What the atlas pages show, as plain dicts: the same shapes for the live pages and the static
release, so one template set renders both.

Every value is a string, number, bool or list of such dicts; labels are the model's display
values, dates ISO strings. A source is shown only through its release record (the allow-list
of ``schema.SOURCE_SCHEMA``), on live pages as in a release.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from stationwatch.export import schema
from stationwatch_web.evidence.models import Claim, Source
from stationwatch_web.locales import city_name

from .models import Bureau, Response, Station
from .selectors import country_name
from .services import station_timeline


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _iso(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def citation(source: Source) -> str:
    """How a release cites a source: its URL, or the hash of the stored bytes."""
    return source.url or f"sha256:{source.sha256}"


def source_record(s: Source) -> dict[str, Any]:
    return schema.only_allowed({
        "citation": citation(s), "kind": s.kind, "url": s.url, "title": s.title,
        "publisher": s.publisher, "language": s.language, "published_at": _iso(s.published_at),
        "captured_at": _iso(s.retrieved_at), "reliability": s.reliability,
        "sha256": s.sha256 or "", "capture_sha256": s.capture_sha256}, schema.SOURCE_SCHEMA)


def station_row(s: Station) -> dict[str, Any]:
    """One row of a station table."""
    return {
        "key": s.key, "country": s.country, "country_name": country_name(s.country),
        "continent": s.continent,
        # The city in the reader's script (GeoNames); the source's own wording of the place
        # where it says more than the city's name.
        "city": city_name(s.country, s.city),
        "location_label": (city_name(s.country, s.city) if s.location_label == s.city
                           else s.location_label),
        "bureau": s.bureau.key if s.bureau else "",
        "status": s.status, "status_label": s.get_status_display(),
        "confidence": s.confidence, "confidence_label": s.get_confidence_display(),
        "reported_on": _date(s.reported_on), "uncertain": s.uncertain,
    }


def station_page(s: Station, claims: Iterable[Claim]) -> dict[str, Any]:
    """A station's page; ``claims`` are its accepted claims, each with its source."""
    return {
        **station_row(s), "published": s.published, "region": s.region,
        "bureau_name_en": s.bureau.name_en if s.bureau else "",
        "bureau_name_zh": s.bureau.name_zh if s.bureau else "",
        "bureau_label": s.bureau_label, "front_label": s.get_front_type_display(),
        "front_detail": s.front_detail, "notes": s.notes,
        "independent_sources": s.independent_sources,
        "timeline": [{"label": step["label"], "reached": step["reached"],
                      "date": _date(step["date"])} for step in station_timeline(s)],
        "citations": [{"source": source_record(c.source),
                       "grade": f"{c.source.reliability}{c.credibility}",
                       "reliability": c.source.get_reliability_display(),
                       "credibility": c.get_credibility_display()} for c in claims],
    }


def response_row(r: Response) -> dict[str, Any]:
    return {"key": r.key, "country": r.country, "actor": r.actor, "action": r.action,
            "action_label": r.get_action_display(), "date": _date(r.date),
            "date_text": r.date_text, "summary": r.summary}


def country_page(code: str, stations: Iterable[dict[str, Any]],
                 responses: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A country's page. ``counted``: the one definition of a country in every count (the
    site's headline, the indexes, ``release.json``): a host with a published station. A
    response-only host, such as the EU, has a page but is not counted."""
    rows = list(stations)
    return {"code": code, "name": country_name(code), "stations": rows,
            "responses": list(responses), "counted": bool(rows)}


def country_pages(stations: Iterable[dict[str, Any]], responses: Iterable[dict[str, Any]]
                  ) -> list[dict[str, Any]]:
    """The page of every host with a station or a response, by name."""
    by_country: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for s in stations:
        by_country.setdefault(s["country"], ([], []))[0].append(s)
    for r in responses:
        by_country.setdefault(r["country"], ([], []))[1].append(r)
    out = [country_page(code, rows, said) for code, (rows, said) in by_country.items()]
    return sorted(out, key=lambda c: (c["name"], c["code"]))


def bureau_page(b: Bureau, stations: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A bureau's page; ``stations`` are rows of its published stations."""
    rows = list(stations)
    return {"key": b.key, "name_en": b.name_en, "name_zh": b.name_zh,
            "level": b.get_level_display(),
            "parent": {"key": b.parent.key, "name_en": b.parent.name_en} if b.parent else None,
            "children": [{"key": c.key, "name_en": c.name_en} for c in b.children.all()],
            "stations": rows, "countries": sorted({s["country"] for s in rows})}


def bureau_pages(stations: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page of every bureau, with its rows among ``stations``, by key."""
    by_bureau: dict[str, list[dict[str, Any]]] = {}
    for s in stations:
        if s["bureau"]:
            by_bureau.setdefault(s["bureau"], []).append(s)
    return [bureau_page(b, by_bureau.get(b.key, []))
            for b in Bureau.objects.select_related("parent").prefetch_related("children")
            .order_by("key")]


def statistics_page(stats: dict[str, Any], timeline: dict[str, Any]) -> dict[str, Any]:
    """The statistics and, as the chart's accessible equivalent, its numbers per month."""
    return {**stats, "months": list(zip(timeline["months"], timeline["stations"],
                                        timeline["responses"], strict=True))}
