"""The reader's language on every page: the language switch and ``hreflang`` alternates, the
domain vocabulary's labels through the catalogue, and country names, dates and numbers from
CLDR (babel) for the active language.

The core knows nothing of languages: its labels (``vocab/domain.yaml``) are English, and are
translated here, at the edge (``vocab_labels.py`` puts them in the catalogue). A template
builtin (settings.TEMPLATES): ``{{ s.status_label|vocab }}``, ``{{ d|ldate }}``,
``{{ n|lnumber }}``, ``{% language_links as langs %}``.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any
from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext

from stationwatch.places import gazetteer
from stationwatch_web.language import MARKER, with_marker

register = template.Library()

#: The gazetteer's continent codes as the UN M.49 regions CLDR names (Antarctica is a territory).
_CONTINENT_REGIONS = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "OC": "009",
                      "SA": "005", "AN": "AQ"}


def active_language() -> str:
    """The active language's code, English where none is active (commands, exports)."""
    return translation.get_language() or settings.LANGUAGE_CODE


@cache
def babel_locale(language: str) -> Locale:
    """``zh-hans`` → babel's ``zh_Hans``; an unknown code falls back to English."""
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def is_english() -> bool:
    return active_language().split("-")[0] == "en"


def country_name(code: str, default: str) -> str:
    """A country's (or the EU's) name in the active language, from CLDR; ``default`` (the
    gazetteer's English name) in English or where CLDR has no name."""
    if is_english():
        return default
    return str(babel_locale(active_language()).territories.get(code.upper(), default))


#: The interface languages whose readers get a city's GeoNames name in their script.
_CITY_SCRIPTS = {"zh-hans": "Hans", "zh-hant": "Hant", "ja": "Jpan", "ko": "Kore"}


def city_name(country: str, english: str) -> str:
    """A city's name in the active language where GeoNames has one in its script (鹿特丹,
    ロッテルダム, 로테르담); the English (GeoNames) name in the other languages, whose
    alternate names the bundled extract does not tell apart."""
    script = _CITY_SCRIPTS.get(active_language())
    if not script or not english:
        return english
    return gazetteer.city_name(country, english, script) or english


def continent_name(code: str, default: str) -> str:
    if is_english() or code not in _CONTINENT_REGIONS:
        return default
    return str(babel_locale(active_language()).territories.get(_CONTINENT_REGIONS[code],
                                                               default))


@register.filter
def vocab(label: Any) -> str:
    """A domain label (``Closure ordered``) in the active language; the labels are in the
    catalogue through ``vocab_labels.py``, in the ``domain`` context. Another English label
    (a search facet's) is looked up without context."""
    if not label:
        return ""
    text = str(label)
    translated = pgettext("domain", text)
    return translated if translated != text else gettext(text)


#: ``vocab`` computed when shown, in the language active then (form choices are made once).
vocab_lazy = lazy(vocab, str)


def vocab_choices(choices: list[tuple[Any, str]]) -> list[tuple[Any, Any]]:
    """A domain enumeration's ``choices()`` with each label in the reader's language."""
    return [(key, vocab_lazy(label)) for key, label in choices]


@register.filter
def ldate(value: Any, length: str = "long") -> str:
    """A date (or ISO date string, or ``YYYY-MM`` month) in the active language's format;
    anything else is shown as it is."""
    if isinstance(value, datetime):
        value = value.date()
    locale = babel_locale(active_language())
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        try:
            month = date.fromisoformat(value + "-01")
        except ValueError:
            return value
        return format_date(month, format=_month_pattern(locale), locale=locale)
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if not isinstance(value, date):
        return "" if value is None else str(value)
    return format_date(value, format=length, locale=locale)


def _month_pattern(locale: Locale) -> str:
    """CLDR's pattern for a month of a year (``yMMM``: "Nov 2022", "2022年11月")."""
    return str(locale.datetime_skeletons.get("yMMM", "MMM y"))


@register.filter
def lnumber(value: Any) -> str:
    """A number with the active language's grouping (``1,234``; ``1 234`` in French)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return str(format_decimal(value, locale=babel_locale(active_language())))


@register.simple_tag(takes_context=True)
def language_links(context: Any) -> list[dict[str, Any]]:
    """Each language of the atlas with the address of this page in it (``href``) and its
    absolute address for ``hreflang`` alternates (``absolute``; empty in a release). In a
    release the context's ``urls`` says where each language's copy of the page is."""
    current = active_language()
    urls = context.get("urls")
    request = context.get("request")
    out = []
    for code, name in _languages(context):
        if hasattr(urls, "language"):
            href, absolute = urls.language(code), ""
        elif request is not None:
            plain = translate_url(request.get_full_path(), code)
            # The link carries the choice (kept in a cookie, language.py); the alternate not.
            href, absolute = with_marker(plain, code), request.build_absolute_uri(plain)
        else:
            continue
        out.append({"code": code, "name": name, "href": href, "absolute": absolute,
                    "hreflang": _bcp47(code), "current": code == current})
    return out


def _languages(context: Any) -> list[tuple[str, str]]:
    chosen = context.get("languages")  # a release built for some of the languages only
    return [(c, n) for c, n in settings.LANGUAGES if chosen is None or c in chosen]


def _bcp47(code: str) -> str:
    """Django's ``zh-hans`` as BCP 47 writes it for ``lang``/``hreflang``: ``zh-Hans``."""
    lang, _, script = code.partition("-")
    return f"{lang}-{script.title()}" if script else lang


@register.simple_tag
def account_marker() -> str:
    """For the links to the sign-in pages (unprefixed, shown in the chosen language) from a
    page in another language than English: the switch's marker, so they open in it."""
    current = active_language()
    return "" if current == settings.LANGUAGE_CODE else "?" + urlencode({MARKER: current})


@register.simple_tag
def html_lang() -> str:
    return _bcp47(active_language())


@register.simple_tag
def reads_chinese() -> bool:
    """Whether the page is in Chinese: a bureau's Chinese name then comes first."""
    return active_language().startswith("zh")
