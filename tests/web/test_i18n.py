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
    # The switch keeps the page, and says the choice (kept in a cookie); English unprefixed.
    assert 'href="/zh-hant/stations/nl-rotterdam/?lang=zh-hant"' in html
    assert 'href="/stations/nl-rotterdam/?lang=en"' in html
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
    # A prefixed link opens as it was sent, whatever the browser prefers.
    asked = client.get("/fr/stations/nl-rotterdam/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert '<html lang="fr">' in asked.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("accept", "where"), [
    ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/stations/nl-rotterdam/"),
    ("zh-TW", "/zh-hant/stations/nl-rotterdam/"),
    ("pt-BR,pt;q=0.9", "/pt/stations/nl-rotterdam/"),
    ("nb,de;q=0.7,en;q=0.5", "/de/stations/nl-rotterdam/"),  # the first served one
])
def test_a_first_visit_goes_to_the_browsers_language(client, loaded, accept, where):
    response = client.get("/stations/nl-rotterdam/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302 and response["Location"] == where
    assert {"accept-language", "cookie"} <= {
        v.strip().lower() for v in response["Vary"].split(",")}
    assert "ETag" not in response


@pytest.mark.django_db
def test_english_and_unserved_languages_stay_unprefixed(client, loaded):
    for accept in ("", "en-GB,en;q=0.9,zh;q=0.8", "nb,sv;q=0.5", "*"):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200, accept
        assert '<html lang="en">' in response.content.decode()
        assert "Accept-Language" in response["Vary"]
    # The data files and the API are not redirected: a page asks for them in its language.
    assert client.get("/map-data.json", HTTP_ACCEPT_LANGUAGE="zh").status_code == 200
    assert client.get("/api/stations", HTTP_ACCEPT_LANGUAGE="zh").status_code == 200


@pytest.mark.django_db
def test_a_query_is_kept_by_the_redirect(client, loaded):
    response = client.get("/search/", {"q": "Fuzhou"}, HTTP_ACCEPT_LANGUAGE="ja")
    assert response["Location"] == "/ja/search/?q=Fuzhou"


@pytest.mark.django_db
def test_a_reader_who_chose_english_stays_in_english(client, loaded):
    chinese = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
    page = client.get("/zh-hans/stations/nl-rotterdam/").content.decode()
    assert 'href="/stations/nl-rotterdam/?lang=en"' in page  # the switch's English link
    chose = client.get("/stations/nl-rotterdam/", {"lang": "en"}, **chinese)
    assert chose.status_code == 302 and chose["Location"] == "/stations/nl-rotterdam/"
    cookie = chose.cookies["django_language"]
    assert cookie.value == "en" and cookie["samesite"] == "Lax" and cookie["httponly"]
    assert "no-store" in chose["Cache-Control"]
    for path in ("/stations/nl-rotterdam/", "/", "/countries/NL/"):
        response = client.get(path, **chinese)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.content.decode()
    # Choosing Chinese again goes there, and unprefixed addresses follow the choice.
    chose = client.get("/zh-hans/countries/NL/", {"lang": "zh-hans"})
    assert chose["Location"] == "/zh-hans/countries/NL/"
    assert client.get("/statistics/")["Location"] == "/zh-hans/statistics/"


@pytest.mark.django_db
def test_the_marker_keeps_the_rest_of_the_query_and_ignores_unserved_codes(client, loaded):
    chose = client.get("/search/", {"q": "Prato", "lang": "fr"})
    assert chose["Location"] == "/fr/search/?q=Prato"
    client.cookies.clear()
    assert client.get("/stations/", {"lang": "xx"}).status_code == 200
    # Only the pages with the switch read it: the API and the data files do not.
    for path in ("/api/stations", "/map-data.json", "/exports/stations.csv"):
        assert client.get(path, {"lang": "fr"}).status_code == 200, path
    assert "django_language" not in client.cookies


@pytest.mark.django_db
def test_the_sign_in_page_follows_the_chosen_language(client, loaded):
    assert "Sign in" in client.get("/accounts/login/").content.decode()
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="zh-Hans">' in html and "登录" in html
    assert "用户名" in html  # allauth's own catalogue: the form's labels
    # From a page in another language, the sign-in link opens in it.
    assert 'href="/accounts/login/?lang=ko"' in client.get("/ko/").content.decode()
    assert 'href="/accounts/login/"' in client.get("/").content.decode()
    client.get("/accounts/login/", {"lang": "de"})  # the switch on the sign-in page
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="de">' in html and "Anmeldename" in html


@pytest.mark.django_db
def test_api_errors_and_schema_words_in_the_askers_language(client, loaded):
    missing = client.get("/api/stations/no-such-key", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert missing.status_code == 404 and missing.json() == {"detail": "没有这个服务站。"}
    assert missing["Content-Language"] == "zh-hans"
    assert client.get("/api/stations/no-such-key").json() == {"detail": "No such station."}
    bad = client.get("/api/stations", {"limit": 0}, HTTP_ACCEPT_LANGUAGE="fr")
    assert bad.status_code == 422 and "limit" in bad.json()["detail"]
    assert bad.json()["detail"].startswith("Valeur") and bad.json()["errors"]
    schema = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="de").json()
    assert "Quellen" in schema["info"]["description"]
    key = schema["components"]["schemas"]["StationOut"]["properties"]["key"]
    assert key["description"] != "Stable identifier of the station record."
    # The data stay English whatever is asked.
    data = client.get("/api/stations/nl-rotterdam", HTTP_ACCEPT_LANGUAGE="zh-CN").json()
    assert data["country_name"] == "Netherlands"


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


@pytest.mark.django_db
def test_city_names_in_the_readers_script(client, loaded):
    html = client.get("/zh-hans/stations/nl-rotterdam/").content.decode()
    assert "<h1>鹿特丹, 荷兰</h1>" in html or "鹿特丹" in html.split("<h1>", 1)[1].split("</h1>")[0]
    assert "ロッテルダム" in client.get("/ja/countries/NL/").content.decode()
    markers = client.get("/ko/map-data.json").json()["markers"]
    assert "로테르담" in {m["city"] for m in markers}
    # Other languages keep the GeoNames (English) name: the bundled names carry no language.
    assert "Rotterdam" in client.get("/fr/stations/nl-rotterdam/").content.decode()
