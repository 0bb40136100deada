"""How the reader's language is chosen, after Django's ``LocaleMiddleware`` read the URL.

1. A language prefix (``/zh-hans/stations/x/``) wins: a shared link opens as it was sent.
2. The switch's links carry a marker, ``?lang=<code>``: the choice is kept in the language
   cookie and the reader is sent on to the same address without the marker (so the marker is
   never shared or cached). Choosing English this way keeps a Chinese browser in English.
3. An unprefixed reader's page (``/``, ``/stations/x/``) is English for a reader who chose
   English (the cookie) or whose ``Accept-Language`` prefers no served language; for one whose
   cookie or ``Accept-Language`` names another served language it redirects (302, ``Vary:
   Accept-Language, Cookie``) to that language's address.
4. The sign-in pages (``/accounts/``), unprefixed because other code checks their paths, are
   shown in the cookie's or ``Accept-Language``'s language (allauth ships its catalogues). The
   admin, the API's data and the data files stay English.

The static release has no server: its switch is plain links between folders, no marker.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, URLResolver, get_resolver, resolve, translate_url
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

#: The query parameter of the switch's links.
MARKER = "lang"
#: The reader's pages an unprefixed address of is redirected to the reader's language (the
#: data files, ``map-data.json`` and the like, are asked for by a page that named its language).
READER_PAGES = frozenset({
    "home", "station-list", "station-detail", "country-list", "country-detail", "bureau-list",
    "bureau-detail", "statistics", "exports", "releases", "atlas-search",
})
#: Pages in every language that are data, not pages with a switch.
DATA_FILES = frozenset({"map-data", "timeline-data"})
#: Unprefixed paths shown in the negotiated language rather than English.
NEGOTIATED_PREFIXES = ("/accounts/",)


@cache
def _served() -> frozenset[str]:
    return frozenset(code for code, _name in settings.LANGUAGES)


@cache
def _prefixed_names() -> frozenset[str]:
    """The URL names inside ``i18n_patterns`` (the pages that exist in every language)."""
    names: set[str] = set()
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.pattern, LocalePrefixPattern):
            names.update(p.name for p in entry.url_patterns if getattr(p, "name", None))
    return frozenset(names)


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None


def with_marker(href: str, code: str) -> str:
    """A switch link: ``href`` with ``lang=<code>`` added to its query."""
    return f"{href}{'&' if '?' in href else '?'}{urlencode({MARKER: code})}"


def _without_marker(request: HttpRequest) -> str:
    rest = request.GET.copy()
    rest.pop(MARKER, None)
    query = rest.urlencode()
    return f"{request.path}?{query}" if query else request.path


def _local(url: str) -> str:
    """A redirect target on this site: never ``//host`` (a scheme-relative address)."""
    return "/" + url.lstrip("/\\")


def language_chosen(request: HttpRequest, code: str) -> HttpResponse:
    """The reader chose ``code`` with the switch: kept in the cookie, on to the page."""
    target = _without_marker(request)
    if not request.path_info.startswith(NEGOTIATED_PREFIXES):
        target = translate_url(target, code)  # where this page is in that language
    response = HttpResponseRedirect(_local(target))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    add_never_cache_headers(response)
    return response


def preferred_language(request: HttpRequest) -> str:
    """The cookie's language, else ``Accept-Language``'s first served one, else English."""
    return translation.get_language_from_request(request, check_path=False)


class LanguageChoiceMiddleware:
    """Placed right after ``LocaleMiddleware`` and before the HTTP cache's 304s."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self._negotiated(request)
        chosen = request.GET.get(MARKER)
        name = _url_name(request.path_info)
        if chosen in _served() and (name in _prefixed_names() - DATA_FILES
                                    or request.path_info.startswith(NEGOTIATED_PREFIXES)):
            return language_chosen(request, chosen)  # only where the switch is
        if translation.get_language_from_path(request.path_info) is None \
                and name in READER_PAGES:
            wanted = preferred_language(request)
            if wanted != settings.LANGUAGE_CODE:
                target = translate_url(request.get_full_path(), wanted)
                response: HttpResponse = HttpResponseRedirect(_local(target))
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
                patch_cache_control(response, max_age=0, must_revalidate=True)
                return response
        return self._negotiated(request)

    def _negotiated(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(NEGOTIATED_PREFIXES):
            translation.activate(preferred_language(request))
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        return self.get_response(request)
