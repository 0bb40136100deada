"""The read-only JSON API (django-ninja): published stations, countries, bureaus, responses.

Paginated with limit/offset; the OpenAPI schema is served at /api/openapi.json. There is no
interactive docs page: it would load scripts from a CDN, and the app works offline.
"""


from datetime import date
from typing import Any, get_type_hints

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext, gettext_noop, pgettext
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import create_model

from stationwatch.export import schema
from stationwatch_web.atlas import selectors
from stationwatch_web.atlas.exports import citations, station_record
from stationwatch_web.atlas.models import Bureau, Response, Station
from stationwatch_web.catalogues import SCHEMA_CONTEXT
from stationwatch_web.language import preferred_language
from stationwatch_web.params import clean_param

_DESCRIPTIONS = {field.description for field in schema.STATION_SCHEMA}


def _translated(node: Any, key: str = "") -> Any:
    """The OpenAPI schema with each description (and the API's own words) translated."""
    if isinstance(node, dict):
        return {k: _translated(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_translated(v, key) for v in node]
    if isinstance(node, str) and key == "description":
        return pgettext(SCHEMA_CONTEXT, node) if node in _DESCRIPTIONS else gettext(node)
    return node


# The words for people (the schema's descriptions, the error messages) are in the asker's
# language (the language cookie, else Accept-Language); the data stay English whatever is
# asked, as the exports are. The schema is served by the view below, which translates it.
api = NinjaAPI(title="stationwatch", version="1", docs_url=None, openapi_url=None,
               description=gettext_noop("Published records of reported overseas police "
                                        "stations. Every record is a report by the cited "
                                        "sources, not an established fact."))


@api.get("/openapi.json", include_in_schema=False)
def openapi(request: HttpRequest) -> HttpResponse:
    """The OpenAPI schema, its descriptions in the asker's language."""
    with translation.override(preferred_language(request)):
        response = api.create_response(
            request, _translated(api.get_openapi_schema(path_params={})), status=200)
        response.headers["Content-Language"] = translation.get_language()
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _error(request: HttpRequest, message: str, status: int, **extra: Any) -> HttpResponse:
    with translation.override(preferred_language(request)):
        body = {"detail": gettext(message), **extra}
        response = api.create_response(request, body, status=status)
        response.headers["Content-Language"] = translation.get_language()
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) if str(exc) in _MESSAGES else NOT_FOUND, 404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 with a sentence for people, and pydantic's list (``errors``) for programs."""
    names = sorted({str(e["loc"][-1]) for e in exc.errors if e.get("loc")})
    with translation.override(preferred_language(request)):
        message = gettext("Invalid value: %(names)s.") % {"names": ", ".join(names)}
    return _error(request, message, 422, errors=exc.errors)


NOT_FOUND = gettext_noop("Not found.")
NO_STATION = gettext_noop("No such station.")
_MESSAGES = {NOT_FOUND, NO_STATION}


#: A published station, field for field the export schema (the one allow-list).
StationOut = create_model("StationOut", __base__=Schema, **{
    f.name: (schema.python_type(f), Field(description=f.description))
    for f in schema.STATION_SCHEMA})
#: The station filters of the map, list and exports, as query parameters.
StationQuery = create_model("StationQuery", __base__=Schema, **{
    name: (kind, getattr(selectors.StationFilters, name))
    for name, kind in get_type_hints(selectors.StationFilters).items()})


class CountryOut(Schema):
    code: str
    name: str
    count: int


class BureauOut(Schema):
    key: str
    name_en: str
    name_zh: str
    level: str
    parent: str | None
    stations: int


class ResponseOut(Schema):
    key: str
    country: str
    actor: str
    action: str
    date: date
    date_text: str
    summary: str


class Pages(LimitOffsetPagination):
    """limit/offset with bounds the database accepts (SQLite refuses offsets past 2**63)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=10**9)


class _Records:
    """A queryset the paginator slices, giving export records for just the page it takes."""

    def __init__(self, qs: Any) -> None:
        self.qs = qs

    def count(self) -> int:
        return int(self.qs.count())

    __len__ = count

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        rows = list(self.qs[page])
        cites = citations([s.pk for s in rows])
        for s in rows:
            s.citations = cites.get(s.pk, [])
        return [station_record(s) for s in rows]


@api.get("/stations", response=list[StationOut], tags=["stations"])
@paginate(Pages)
def stations(request: HttpRequest, filters: Query[StationQuery]) -> Any:
    query = selectors.StationFilters.from_query(filters.dict())
    return _Records(selectors.station_published_list(query).order_by("id"))


@api.get("/stations/{key}", response=StationOut, tags=["stations"])
def station(request: HttpRequest, key: str) -> Any:
    try:
        return station_record(selectors.station_published_get(key=clean_param(key, 120)))
    except Station.DoesNotExist:
        raise Http404(NO_STATION) from None


@api.get("/countries", response=list[CountryOut], tags=["countries"])
def countries(request: HttpRequest) -> Any:
    return selectors.map_data()["countries"]


@api.get("/bureaus", response=list[BureauOut], tags=["bureaus"])
@paginate(Pages)
def bureaus(request: HttpRequest) -> Any:
    from django.db.models import Count, Q

    return [{"key": b.key, "name_en": b.name_en, "name_zh": b.name_zh, "level": b.level,
             "parent": b.parent.key if b.parent else None, "stations": b.n}
            for b in Bureau.objects.select_related("parent").annotate(
                n=Count("stations", filter=Q(stations__published=True)))]


@api.get("/responses", response=list[ResponseOut], tags=["responses"])
@paginate(Pages)
def responses(request: HttpRequest, country: str = "") -> Any:
    qs = Response.objects.order_by("date", "key")
    country = clean_param(country, 2)
    return qs.filter(country=country.upper()) if country else qs
