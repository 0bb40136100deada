"""Atlas pages, map data and exports: thin views over the selectors."""

from __future__ import annotations

import json
from typing import cast

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template

from stationwatch.export import formats
from stationwatch_web.access import get_visible_or_404
from stationwatch_web.links import LIVE
from stationwatch_web.params import clean_param

from . import exports, pages, selectors
from . import search as atlas_search
from .cache import cached
from .models import Bureau, Response, Station
from .selectors import StationFilters

PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    filters = StationFilters.from_query(request.GET)
    return render(request, "atlas/home.html", {
        "summary": selectors.atlas_summary(), "filters": filters,
        "options": selectors.filter_options(), "query": filters.as_query(),
        "stations": [pages.station_row(s) for s in selectors.station_published_list(filters)]})


def map_data(request: HttpRequest) -> HttpResponse:
    filters = StationFilters.from_query(request.GET)
    body = cached("map-data", filters.as_query(),
                  lambda: json.dumps(selectors.map_data(filters), separators=(",", ":")))
    return HttpResponse(body, content_type="application/json")


def station_list(request: HttpRequest) -> HttpResponse:
    filters = StationFilters.from_query(request.GET)
    page = Paginator(selectors.station_published_list(filters), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "atlas/station_list.html", {
        "page": page, "stations": [pages.station_row(s) for s in page],
        "filters": filters, "options": selectors.filter_options(), "query": filters.as_query()})


def station_detail(request: HttpRequest, key: str) -> HttpResponse:
    if key != key.lower():  # keys are lower-case slugs: /stations/IE-Dublin/ is Dublin's
        return redirect("station-detail", key.lower(), permanent=True)
    station = cast(Station, get_visible_or_404(
        request.user, Station.objects.select_related("bureau"), key=key))
    claims = station.claims.filter(status="accepted").select_related("source").order_by("id")
    return render(request, "atlas/station_detail.html", {"s": pages.station_page(station, claims)})


def country_list(request: HttpRequest) -> HttpResponse:
    countries = pages.country_pages(map(pages.station_row, selectors.station_published_list()),
                                    map(pages.response_row, Response.objects.all()))
    return render(request, "atlas/country_list.html", {
        "countries": countries, "counted": sum(1 for c in countries if c["counted"])})


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    data = selectors.country_detail(code=clean_param(code, 2))
    if not data["stations"] and not data["responses"]:
        raise Http404("no records for this country")
    return render(request, "atlas/country_detail.html", {"c": pages.country_page(
        data["code"], map(pages.station_row, data["stations"]),
        map(pages.response_row, data["responses"]))})


def bureau_list(request: HttpRequest) -> HttpResponse:
    return render(request, "atlas/bureau_list.html", {"bureaus": pages.bureau_pages(
        map(pages.station_row, selectors.station_published_list()))})


def bureau_detail(request: HttpRequest, key: str) -> HttpResponse:
    key = clean_param(key, 60)
    try:
        data = selectors.bureau_detail(key=key)
    except Bureau.DoesNotExist:
        raise Http404("no such bureau") from None
    if data["bureau"].key != key:  # /bureaus/fuzhou/ finds Fuzhou; one address per page
        return redirect("bureau-detail", data["bureau"].key, permanent=True)
    return render(request, "atlas/bureau_detail.html", {"b": pages.bureau_page(
        data["bureau"], map(pages.station_row, data["stations"]))})


def statistics(request: HttpRequest) -> HttpResponse:
    return render(request, "atlas/statistics.html", pages.statistics_page(
        cached("statistics", {}, selectors.statistics), cached("timeline", {}, selectors.timeline)))


def timeline_data(request: HttpRequest) -> JsonResponse:
    return JsonResponse(cached("timeline", {}, selectors.timeline))


def export(request: HttpRequest, name: str) -> StreamingHttpResponse:
    if name not in formats.LIVE:
        raise Http404("no such export")
    response = StreamingHttpResponse(exports.stream(name, StationFilters.from_query(request.GET)),
                                     content_type=formats.EXPORTS[name].content_type)
    response["Content-Disposition"] = f'attachment; filename="stationwatch-{name}"'
    return response


def search(request: HttpRequest) -> HttpResponse:
    """Public search over the published records; with ``view_source``, the stored documents'
    text too (the same results as the team's document search)."""
    q = clean_param(request.GET.get("q", ""), 200)
    chosen = {name: clean_param(request.GET.get(name, ""), 100)
              for name, _field, _label in atlas_search.FACETS}
    context: dict[str, object] = {"q": q, "found": atlas_search.atlas_search(q, chosen)}
    if q and request.user.has_perm("evidence.view_source"):
        from stationwatch_web.evidence.search import MAX_RESULTS, document_hits

        context.update(documents=document_hits(q), max=MAX_RESULTS)
    return render(request, "atlas/search.html", context)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's frame; no context processor runs (the database may be
    what failed)."""
    body = get_template("500.html").render({"urls": LIVE})
    return HttpResponse(body, status=500)
