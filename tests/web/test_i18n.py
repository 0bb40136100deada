"""The atlas in other languages: catalogues complete for Chinese and in step with the templates
and domain.yaml; language-prefixed pages with a switch, hreflang alternates, CLDR names and
locale dates; English unprefixed as before."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale
from django.utils.translation.template import templatize

from stationwatch_web import catalogues

WEB = Path(catalogues.__file__).resolve().parent
TEMPLATES = WEB / "templates"
#: The languages served (settings.LANGUAGES): their catalogues have every entry translated.
COMPLETE = tuple(to_locale(code) for code, _name in settings.LANGUAGES if code != "en")


def _catalogue(lang: str):
    with (catalogues.LOCALE_DIR / lang / "LC_MESSAGES" / "django.po").open("rb") as f:
        return read_po(f, locale=lang)


def _template_messages() -> set[tuple[str | None, str]]:
    """(context, msgid) of every string the templates mark, as makemessages extracts them
    (Django's own templatize, then babel's Python extractor: no GNU gettext needed)."""
    found = set()
    for path in sorted(TEMPLATES.rglob("*.html")):
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        keywords = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
                    "npgettext": ((1, "c"), 2, 3)}
        for _line, func, args, _comments in extract_python(
                io.BytesIO(code.encode()), keywords, [], {}):
            if func in ("pgettext", "npgettext"):
                found.add((args[0], args[1]))
            else:
                found.add((None, args if isinstance(args, str) else args[0]))
    return found


def test_chinese_is_served():
    assert {"zh_Hans", "zh_Hant"} <= set(COMPLETE)


def test_every_language_has_a_catalogue():
    languages = [*settings.LANGUAGES, *settings.LANGUAGES_TO_COMPLETE]
    assert {to_locale(code) for code, _name in languages if code != "en"} == {
        p.name for p in catalogues.LOCALE_DIR.iterdir()}


def test_vocab_labels_are_those_of_domain_yaml():
    """vocab_labels.py is generated: `python -m stationwatch_web.catalogues vocab`."""
    assert catalogues.VOCAB_LABELS.read_text(encoding="utf-8") == \
        catalogues.vocab_labels_source()


@pytest.mark.parametrize("lang", sorted(p.name for p in catalogues.LOCALE_DIR.iterdir()))
def test_every_template_string_is_in_the_catalogue(lang):
    ids = {(m.context, m.id if isinstance(m.id, str) else m.id[0])
           for m in _catalogue(lang) if m.id}
    missing = _template_messages() - ids
    assert not missing, f"run `make messages`: {sorted(missing)[:5]}"


@pytest.mark.parametrize("lang", COMPLETE)
def test_complete_languages_have_no_empty_or_fuzzy_entry(lang):
    cat = _catalogue(lang)
    bad = [m.id for m in cat if m.id and (m.fuzzy or not all(
        m.string if isinstance(m.string, tuple) else (m.string,)))]
    assert not bad, f"{lang}: untranslated or fuzzy: {bad[:5]}"


@pytest.mark.parametrize("lang", sorted(p.name for p in catalogues.LOCALE_DIR.iterdir()))
def test_translations_keep_their_placeholders(lang):
    for m in _catalogue(lang):
        if not m.id:
            continue
        source = " ".join(m.id) if isinstance(m.id, tuple) else m.id
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
            if text:
                assert set(re.findall(r"%\(\w+\)s", text)) <= \
                    set(re.findall(r"%\(\w+\)s", source)), (lang, m.id)


def test_compiling_writes_each_catalogue(tmp_path):
    import shutil

    shutil.copytree(catalogues.LOCALE_DIR, tmp_path / "locale",
                    ignore=shutil.ignore_patterns("*.mo"))
    written = catalogues.compile_catalogues(tmp_path / "locale")
    assert {p.parent.parent.name for p in written} == {
        p.name for p in catalogues.LOCALE_DIR.iterdir()}
    assert catalogues.compile_catalogues(tmp_path / "locale") == []  # up to date


@pytest.mark.django_db
def test_a_station_page_in_chinese(client, loaded):
    page = client.get("/zh-hans/stations/nl-rotterdam/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "荷兰" in html  # the country's name from CLDR
    assert "运营公安局" in html and "首次报道" in html
    assert 'href="/zh-hans/countries/NL/"' in html  # links stay in the language
    assert 'href="/zh-hant/stations/nl-rotterdam/"' in html  # the switch keeps the page
    assert 'href="/stations/nl-rotterdam/"' in html  # and English is unprefixed
    assert 'hreflang="zh-Hant" href="http://testserver/zh-hant/stations/nl-rotterdam/"' in html
    assert 'hreflang="x-default" href="http://testserver/stations/nl-rotterdam/"' in html


@pytest.mark.django_db
def test_traditional_chinese_and_locale_dates(client, loaded):
    html = client.get("/zh-hant/statistics/").content.decode()
    assert "<h1>統計</h1>" in html and "歐洲" in html  # CLDR's name of the continent
    assert "年" in html and "月" in html  # months and dates as CLDR writes them
    assert 'lang="zh-Hant"' in html


@pytest.mark.django_db
def test_english_stays_unprefixed_and_unchanged(client, loaded):
    html = client.get("/stations/nl-rotterdam/").content.decode()
    assert '<html lang="en">' in html and "Netherlands" in html
    assert "Operating bureau" in html
    # A browser asking for Chinese still gets the page the link named.
    asked = client.get("/stations/nl-rotterdam/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert '<html lang="en">' in asked.content.decode()


@pytest.mark.django_db
def test_map_data_labels_follow_the_language(client, loaded):
    zh = client.get("/zh-hans/map-data.json").json()
    en = client.get("/map-data.json").json()
    nl_zh = next(c for c in zh["countries"] if c["code"] == "NL")
    nl_en = next(c for c in en["countries"] if c["code"] == "NL")
    assert (nl_zh["name"], nl_en["name"]) == ("荷兰", "Netherlands")
    assert {m["status_label"] for m in zh["markers"]} <= {
        "已报道", "已调查", "已勒令关闭", "已关闭", "已起诉", "已定罪"}


@pytest.mark.django_db
def test_api_and_exports_stay_unprefixed(client, loaded):
    assert client.get("/api/stations").status_code == 200
    assert client.get("/zh-hans/api/stations").status_code == 404
    assert client.get("/exports/stations.csv").status_code == 200


@pytest.mark.django_db
def test_a_country_page_in_french(client, loaded):
    html = client.get("/fr/countries/NL/").content.decode()
    assert '<html lang="fr">' in html and "<h1>Pays-Bas</h1>" in html
    assert "Postes signalés (2)" in html and "Réactions des autorités" in html


@pytest.mark.django_db
def test_record_links_follow_the_language_whichever_page_came_first(client, loaded):
    """The links' prefixes are cached per language: an English page first must not leave
    English addresses in the Chinese pages after it."""
    assert 'href="/stations/nl-rotterdam/"' in client.get("/countries/NL/").content.decode()
    html = client.get("/zh-hans/countries/NL/").content.decode()
    assert 'href="/zh-hans/stations/nl-rotterdam/"' in html
    assert 'href="/stations/nl-rotterdam/"' not in html.split("<main", 1)[1]
