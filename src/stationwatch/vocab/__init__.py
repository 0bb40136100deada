"""Vocabulary as data: the domain's enumerations, bureaus and place knowledge in YAML,
validated when loaded.

Every entry must cite a source URL; a malformed file raises ``DataError`` naming the file,
the entry and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..errors import DataError
from .domain import Domain, parse_domain

# libyaml's safe loader when PyYAML was built with it; the same safe loading either way.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Bureau:
    key: str
    level: str
    name_en: str
    name_zh: str
    parent: str | None
    aliases: tuple[str, ...]
    source: str
    #: The bureau a claim names when this one is reported (itself, or the city above it).
    claimed_as: str = ""


@dataclass(frozen=True)
class District:
    name: str
    country: str
    city: str
    source: str


@dataclass(frozen=True)
class Region:
    name: str
    country: str
    source: str


@dataclass(frozen=True)
class CountryAlias:
    """A short or informal name of a country ('UK', 'Holland') that reporting uses."""

    name: str
    country: str
    source: str


@dataclass(frozen=True)
class ExtraCity:
    name: str
    country: str
    latitude: float
    longitude: float
    source: str


def read_yaml(name: str) -> Any:
    """Parse one packaged vocabulary file."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    try:
        # _LOADER is a SafeLoader (the C one when available): no arbitrary objects.
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 # nosec B506
    except yaml.YAMLError as exc:
        raise DataError(f"not valid YAML: {exc}", path=name) from None


@cache
def domain() -> Domain:
    """The packaged domain enumerations (model.py names them)."""
    return parse_domain(read_yaml("domain.yaml"))


def is_http_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value


def _require(entry: dict[str, Any], key: str, *, path: str, line: int) -> Any:
    value = entry.get(key)
    if value in (None, ""):
        raise DataError("missing value", path=path, line=line, field=key)
    if key == "source" and not is_http_url(value):
        raise DataError(f"not an http(s) URL: {value!r}", path=path, line=line, field=key)
    return value


def _entries(data: Any, section: str, path: str) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get(section), list):
        raise DataError(f"expected a top-level list {section!r}", path=path)
    for i, entry in enumerate(data[section], 1):
        if not isinstance(entry, dict):
            raise DataError("entry is not a mapping", path=path, line=i)
    return list(data[section])


def parse_bureaus(data: Any, path: str = "bureaus.yaml") -> dict[str, Bureau]:
    """Validate the bureau table: unique keys, known levels, parents that exist, cited."""
    out: dict[str, Bureau] = {}
    entries = _entries(data, "bureaus", path)
    for i, e in enumerate(entries, 1):
        key = str(_require(e, "key", path=path, line=i))
        level = _require(e, "level", path=path, line=i)
        levels = domain().bureau_levels
        if level not in levels:
            raise DataError(f"unknown level {level!r}; one of {levels.keys()}", path=path,
                            line=i, field="level")
        if key in out:
            raise DataError(f"duplicate key {key!r}", path=path, line=i, field="key")
        aliases = e.get("aliases") or []
        if not isinstance(aliases, list):
            raise DataError("aliases must be a list", path=path, line=i, field="aliases")
        out[key] = Bureau(
            key=key, level=level,
            name_en=str(_require(e, "name_en", path=path, line=i)),
            name_zh=str(_require(e, "name_zh", path=path, line=i)),
            parent=e.get("parent"), aliases=tuple(str(a) for a in aliases),
            source=_require(e, "source", path=path, line=i),
            claimed_as=str(e.get("claimed_as") or key))
    for i, b in enumerate(out.values(), 1):
        if b.parent is not None and b.parent not in out:
            raise DataError(f"unknown parent {b.parent!r}", path=path, line=i, field="parent")
        if b.claimed_as not in out:
            raise DataError(f"unknown bureau {b.claimed_as!r}", path=path, line=i,
                            field="claimed_as")
    return out


@cache
def bureaus() -> dict[str, Bureau]:
    """The packaged bureau table, keyed by short English name."""
    return parse_bureaus(read_yaml("bureaus.yaml"))


def bureau_ancestors(key: str) -> list[str]:
    """Parents of a bureau, nearest first."""
    table = bureaus()
    out = []
    parent = table[key].parent
    while parent is not None:
        out.append(parent)
        parent = table[parent].parent
    return out


@dataclass(frozen=True)
class Places:
    districts: tuple[District, ...]
    regions: tuple[Region, ...]
    cities: tuple[ExtraCity, ...]
    country_aliases: tuple[CountryAlias, ...]


def parse_places(data: Any, path: str = "places.yaml") -> Places:
    districts = tuple(
        District(name=_require(e, "name", path=path, line=i),
                 country=_require(e, "country", path=path, line=i),
                 city=_require(e, "city", path=path, line=i),
                 source=_require(e, "source", path=path, line=i))
        for i, e in enumerate(_entries(data, "districts", path), 1))
    regions = tuple(
        Region(name=_require(e, "name", path=path, line=i),
               country=_require(e, "country", path=path, line=i),
               source=_require(e, "source", path=path, line=i))
        for i, e in enumerate(_entries(data, "regions", path), 1))
    cities = []
    for i, e in enumerate(_entries(data, "cities", path), 1):
        try:
            lat = float(_require(e, "latitude", path=path, line=i))
            lon = float(_require(e, "longitude", path=path, line=i))
        except (TypeError, ValueError):
            raise DataError("coordinates must be numbers", path=path, line=i) from None
        cities.append(ExtraCity(name=_require(e, "name", path=path, line=i),
                                country=_require(e, "country", path=path, line=i),
                                latitude=lat, longitude=lon,
                                source=_require(e, "source", path=path, line=i)))
    aliases = tuple(
        CountryAlias(name=_require(e, "name", path=path, line=i),
                     country=_require(e, "country", path=path, line=i),
                     source=_require(e, "source", path=path, line=i))
        for i, e in enumerate(_entries(data, "country_aliases", path), 1))
    return Places(districts, regions, tuple(cities), aliases)


@cache
def places() -> Places:
    return parse_places(read_yaml("places.yaml"))


@cache
def exonyms() -> dict[int, str]:
    """GeoNames id -> the English name reporting uses ('New York', not 'New York City')."""
    data = read_yaml("places.yaml")
    out = {}
    for i, e in enumerate(_entries(data, "exonyms", "places.yaml"), 1):
        _require(e, "source", path="places.yaml", line=i)
        out[int(_require(e, "geonameid", path="places.yaml", line=i))] = str(
            _require(e, "name", path="places.yaml", line=i))
    return out


#: Sections of terms.yaml and actions.yaml that are not per-language word lists.
_NOT_WORD_LISTS = {"sources", "not_places", "boilerplate_lines", "footer_marks",
                   "national_authorities", "implied_authority_actions",
                   "demonyms", "actions"}


def check_word_lists(name: str) -> dict[str, Any]:
    """Load terms.yaml or actions.yaml, requiring a cited source for every language used."""
    data = read_yaml(name)
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
        raise DataError("expected a 'sources' mapping of language to URL", path=name)
    sources = data["sources"]
    for lang, url in sources.items():
        if not is_http_url(url):
            raise DataError(f"not an http(s) URL: {url!r}", path=name, field=f"sources.{lang}")
    lists = {k: v for k, v in data.items() if k not in _NOT_WORD_LISTS}
    lists.update({f"actions.{k}": v for k, v in (data.get("actions") or {}).items()})
    for key in data.get("actions") or {}:  # the extractor reports them under these names
        if domain().actions.resolve(key) is None:
            raise DataError(f"{key!r} names no action of domain.yaml (nor a synonym)",
                            path=name, field=f"actions.{key}")
    for section, by_lang in lists.items():
        if not isinstance(by_lang, dict):
            raise DataError("expected a mapping of language to words", path=name, field=section)
        for lang, words in by_lang.items():
            if lang not in sources:
                raise DataError(f"language {lang!r} has no entry in 'sources'", path=name,
                                field=section)
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                raise DataError("expected a list of words", path=name, field=f"{section}.{lang}")
    return data


#: The cue sections of terms.yaml the relevance condition reads (bureau names count as "china").
CUE_SECTIONS = {"strong": "strong", "china": "china", "police": "police", "office": "weak",
                "return": "return_cues", "abroad": "abroad"}


def may_be_about_stations(cues: set[str]) -> bool:
    """The necessary condition for relevance, over the cues a main text holds (names of
    ``CUE_SECTIONS``): a station or campaign name; or a China cue with a police cue and an
    office or return cue; or a China cue with a return cue and an abroad cue. The extractor
    (extract/relevance.py) never calls a document relevant without it, so the archive
    prefilter (pipeline/prefilter.py), which tests it on raw bytes, never drops one."""
    if "strong" in cues:
        return True
    if "china" not in cues:
        return False
    return ("police" in cues and bool(cues & {"office", "return"})) or \
        {"return", "abroad"} <= cues

