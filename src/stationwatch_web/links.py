"""Where each page is: one ``Urls`` per kind of site, handed to the one template set.

The live atlas and the static release render the same templates; only their links differ.
Templates ask ``{% href "station" key %}`` (or ``{{ urls.home }}`` for a page without
arguments) and get ``/stations/key/`` live, ``../stations/key.html`` in a release page one
folder deep. The idea and the names follow datasette's ``Urls`` (datasette/url_builder.py).
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language


def page_name(key: str) -> str:
    """A file name for a record's page (keys are slugs; bureau keys may hold spaces)."""
    return slugify(key) or hashlib.sha256(key.encode()).hexdigest()[:16]


def _prefix(name: str) -> str:
    """The path of a one-argument route up to its argument, in the active language
    (``/zh-hans/stations/``): reversing once per page row dominated the station list's render
    time."""
    return _language_prefix(name, get_language())


@cache
def _language_prefix(name: str, language: str | None) -> str:
    return reverse(name, args=["KEY"]).rsplit("KEY", 1)[0]


class Urls:
    """Links of the live atlas, from the URLconf."""

    #: The static site ships its data as scripts that set a global (``file://`` refuses fetch).
    data_in_scripts = False

    def home(self) -> str:
        return reverse("home")

    def station_list(self) -> str:
        return reverse("station-list")

    def station(self, key: str) -> str:
        return f"{_prefix('station-detail')}{key}/"

    def country_list(self) -> str:
        return reverse("country-list")

    def bureau_list(self) -> str:
        return reverse("bureau-list")

    def search(self) -> str:
        return reverse("atlas-search")

    def country(self, code: str) -> str:
        return f"{_prefix('country-detail')}{code}/"

    def bureau(self, key: str) -> str:
        return f"{_prefix('bureau-detail')}{key}/"

    def statistics(self) -> str:
        return reverse("statistics")

    def data(self) -> str:
        return reverse("exports")

    def map_data(self) -> str:
        return reverse("map-data")

    def timeline_data(self) -> str:
        return reverse("timeline-data")

    def shapes(self) -> str:
        return self.static("vendor/world-atlas/countries-110m.json")

    def static(self, path: str) -> str:
        return static(path)


class ReleaseUrls(Urls):
    """Links between the files of a static release, relative to a page ``depth`` folders down
    (``stations/x.html`` is 1), so the folder opens from ``file://`` or any web path.

    A release built in several languages has English pages at its root and each other
    language's in a folder of its own (``zh-hans/stations/x.html``); pages link within their
    language, and the data, the static files and the release's own files are shared."""

    data_in_scripts = True

    def __init__(self, depth: int = 0, language: str = "", page: str = "") -> None:
        self.root = "../" * depth
        self.pages = f"{self.root}{language}/" if language else self.root
        self.page = page

    @classmethod
    def for_page(cls, path: str, language: str = "") -> ReleaseUrls:
        """Links from the page at ``path`` in ``language``'s folder ("" for English)."""
        full = f"{language}/{path}" if language else path
        return cls(full.count("/"), language, path)

    def language(self, code: str) -> str:
        """This page in another language of the release."""
        folder = "" if code == settings.LANGUAGE_CODE else f"{code}/"
        return f"{self.root}{folder}{self.page}"

    def home(self) -> str:
        return f"{self.pages}index.html"

    def station_list(self) -> str:
        return f"{self.pages}stations/index.html"

    def station(self, key: str) -> str:
        return f"{self.pages}stations/{page_name(key)}.html"

    def country_list(self) -> str:
        return f"{self.pages}countries/index.html"

    def bureau_list(self) -> str:
        return f"{self.pages}bureaus/index.html"

    def search(self) -> str:
        """A release has no search page: its station list is one page to search in."""
        return self.station_list()

    def country(self, code: str) -> str:
        return f"{self.pages}countries/{page_name(code)}.html"

    def bureau(self, key: str) -> str:
        return f"{self.pages}bureaus/{page_name(key)}.html"

    def statistics(self) -> str:
        return f"{self.pages}statistics.html"

    def data(self) -> str:
        return f"{self.pages}data.html"

    def sources(self) -> str:
        return f"{self.pages}sources.html"

    def changelog(self) -> str:
        return f"{self.pages}changelog.html"

    def file(self, path: str) -> str:
        """Any other file of the release, by its path from the release folder."""
        return f"{self.root}{path}"

    def map_data(self) -> str:
        """The map's data names places and states in the page's language: one per language."""
        return f"{self.pages}data/map-data.js"

    def timeline_data(self) -> str:
        return f"{self.root}data/timeline-data.js"

    def shapes(self) -> str:
        return self.static("vendor/world-atlas/countries-110m.js")

    def static(self, path: str) -> str:
        return f"{self.root}static/{path}"


def urls(request: HttpRequest) -> dict[str, Urls]:
    """Context processor: every live page renders with the live links."""
    return {"urls": LIVE}


LIVE = Urls()

#: A template builtin (settings.TEMPLATES), so no page has to load it.
register = template.Library()


@register.simple_tag(takes_context=True)
def href(context: Any, name: str, *args: str) -> str:
    """``{% href "station" s.key %}``: the link to a page by the context's ``urls``."""
    return str(getattr(context["urls"], name)(*args))
