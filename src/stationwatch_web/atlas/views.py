"""Atlas pages: thin views over the selectors."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from stationwatch import model

from . import selectors
from .models import Station


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "atlas/home.html", {"summary": selectors.atlas_summary()})


def map_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(selectors.map_data())


def station_list(request: HttpRequest) -> HttpResponse:
    filters = {k: request.GET.get(k, "").strip() for k in ("country", "bureau", "status")}
    return render(request, "atlas/station_list.html", {
        "stations": selectors.station_published_list(**filters),
        "filters": filters, "options": selectors.filter_options(),
        "statuses": model.STATION_STATUSES.items(),
    })


def station_detail(request: HttpRequest, key: str) -> HttpResponse:
    try:
        station = selectors.station_published_get(key=key)
    except Station.DoesNotExist:
        raise Http404("no such station") from None
    return render(request, "atlas/station_detail.html", {
        "station": station, "country_name": selectors.country_name(station.country),
        "citations": selectors.station_sources(station=station),
    })


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    data = selectors.country_detail(code=code)
    if not data["stations"] and not data["responses"]:
        raise Http404("no records for this country")
    return render(request, "atlas/country_detail.html", data)
