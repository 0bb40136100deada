"""HTTP revalidation of the public atlas: a reader's cache asks "changed?" and gets 304.

The public pages and data (atlas, map and timeline JSON, exports, the read API) change only
when the data does, and the data version (``atlas.cache.data_version``: two index reads) says
when. So a public GET carries an ``ETag`` of that version, the request's full path and the
page's language; a request whose ``If-None-Match`` matches is answered ``304 Not Modified``
before the view runs (RFC 9110 section 13.1.2, 15.4.5). ``Cache-Control: max-age=0,
must-revalidate`` keeps readers current; signed-in pages stay ``no-store``
(``sessions.PrivateNoStoreMiddleware``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

#: URL names of the public, data-derived pages and files.
PUBLIC_VIEWS = frozenset({
    "home", "map-data", "timeline-data", "station-list", "station-detail", "country-detail",
    "country-list", "bureau-detail", "bureau-list", "statistics", "exports", "export",
    "figures",
})
#: Path prefixes of the public read API's data (its schema and docs are not data-derived).
PUBLIC_PREFIXES = ("/api/stations", "/api/countries", "/api/bureaus", "/api/responses",
                   "/api/figures")


def _is_public(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    if request.path_info.startswith(PUBLIC_PREFIXES):
        return True
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.url_name in PUBLIC_VIEWS


def public_etag(request: HttpRequest) -> str:
    """A strong validator: data version, full path and query, and the language the page is
    in. (Not the raw Accept-Language or cookie: an unprefixed reader's page that they would
    make another language's redirects before this, ``language.py``.)"""
    from stationwatch_web.atlas.cache import data_version

    parts = (data_version(), request.get_full_path(), translation.get_language() or "")
    return '"' + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32] + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    # A weak comparison (RFC 9110 8.8.3.2), as If-None-Match asks: compression may weaken ours.
    candidates = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return etag in candidates or "*" in candidates


class PublicRevalidationMiddleware:
    """ETag + 304 for public GETs; placed after authentication (it reads ``request.user``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_public(request):
            return self.get_response(request)
        etag = public_etag(request)
        if _matches(request.headers.get("If-None-Match", ""), etag):
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = self.get_response(request)
            if response.status_code != 200:
                return response
        response.headers["ETag"] = etag
        patch_cache_control(response, max_age=0, must_revalidate=True)
        # A prefixed page is that language's whatever the browser asks; an unprefixed one
        # depends on Accept-Language and the language cookie (redirected or English).
        prefixed = translation.get_language_from_path(request.path_info) is not None
        patch_vary_headers(response, ("Cookie",) if prefixed else ("Accept-Language", "Cookie"))
        return response
