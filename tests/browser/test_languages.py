"""The atlas read in Chinese and in French, in Chromium against `stationwatch serve`: no English
interface string left on the reader's pages, the page's language said, the switch landing on
the same station, and no sideways scroll on a 390 px phone."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from stationwatch_web import catalogues
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PAGES = {"home": "", "station": "stations/nl-rotterdam/", "country": "countries/NL/",
         "statistics": "statistics/", "search": "search/?q=Fuzhou"}
LANGUAGES = {"zh-hans": ("zh_Hans", "zh-Hans"), "zh-hant": ("zh_Hant", "zh-Hant"),
             "fr": ("fr", "fr"), "de": ("de", "de"), "nl": ("nl", "nl"), "it": ("it", "it"),
             "es": ("es", "es"), "pt": ("pt", "pt"), "cs": ("cs", "cs"), "hu": ("hu", "hu"),
             "ja": ("ja", "ja"), "ko": ("ko", "ko")}

#: The interface's own text on a page: text nodes and labels, leaving out what is data in
#: English on purpose (marked lang="en": notes, responses' words), the cited sources' titles
#: and addresses, code and the map's own controls.
UI_TEXT = """() => {
  const skip = 'script, style, code, [lang="en"], .citations, .hits a[rel~="nofollow"],'
             + ' .leaflet-control-container, .leaflet-popup';
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const t = n.textContent.trim();
    if (t && !n.parentElement.closest(skip)) { out.push(t); }
  }
  for (const e of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (e.closest(skip)) { continue; }
    for (const a of ['aria-label', 'title', 'placeholder']) {
      if (e.getAttribute(a)) { out.push(e.getAttribute(a)); }
    }
  }
  return out;
}"""


def _english_fragments(locale: str) -> tuple[set[str], set[str]]:
    """The English catalogue's words, cut at placeholders and tags: whole strings a text node
    must not equal, and the longer ones (three words or more) it must not contain. Entries the
    language writes the same (French "Atlas", "Date") are left out."""
    with (catalogues.LOCALE_DIR / locale / "LC_MESSAGES" / "django.po").open("rb") as f:
        catalog = read_po(f, locale=locale)
    whole, long = set(), set()
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for text in ids:
            if text in strings:
                continue
            for piece in re.split(r"%\(\w+\)s|\{n\}|<[^>]+>", text):
                piece = piece.strip(" .,:;()—–“”")
                if len(piece) < 3 or piece.isdigit():
                    continue
                whole.add(piece)
                if len(piece.split()) >= 3:
                    long.add(piece)
    return whole, long


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_reader_pages_have_no_english_interface_left(served_atlas, page, lang):
    locale, bcp47 = LANGUAGES[lang]
    whole, long = _english_fragments(locale)
    for name, path in PAGES.items():
        page.goto(f"{served_atlas}{lang}/{path}")
        if name == "home":
            page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
        assert page.evaluate("document.documentElement.lang") == bcp47, name
        texts = page.evaluate(UI_TEXT)
        left = sorted({t for t in texts if t.strip(" .,:;()—–“”") in whole}
                      | {f for t in texts for f in long if f in t})
        assert not left, f"{lang} {name}: English left: {left[:8]}"
        screenshot(page, f"{lang}-{name}")


def test_the_switch_lands_on_the_same_station(served_atlas, page):
    page.goto(f"{served_atlas}zh-hans/stations/nl-rotterdam/")
    heading = page.locator("h1").inner_text()
    assert "荷兰" in heading
    # The server answered an English page first (its start-up check): links stay Chinese.
    assert page.locator("dl.facts a").first.get_attribute("href") == "/zh-hans/countries/NL/"
    page.locator("nav.languages").get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/stations/nl-rotterdam/")
    assert "Pays-Bas" in page.locator("h1").inner_text()
    page.locator("nav.languages").get_by_role("link", name="English").click()
    page.wait_for_url(f"{served_atlas}stations/nl-rotterdam/")
    assert "Netherlands" in page.locator("h1").inner_text()
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("lang", ["", *(f"{code}/" for code in sorted(LANGUAGES))])
def test_no_sideways_scroll_on_a_phone(served_atlas, browser, lang):
    """Every served language: its words have their own lengths (German compounds, Hungarian
    cases), and a long one must wrap, not widen the page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    try:
        for name, path in (("station", "stations/it-prato/"),
                           ("station-sources", "stations/nl-rotterdam/"),
                           ("country", "countries/IT/"), ("statistics", "statistics/")):
            phone.goto(f"{served_atlas}{lang}{path}")
            wide, inner = phone.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]")
            screenshot(phone, f"phone-{lang.strip('/') or 'en'}-{name}")
            assert wide <= inner, f"{lang}{path}: {wide} px wide on a {inner} px screen"
    finally:
        context.close()


def test_published_atlas_in_chinese_and_english_works_offline(app_database, browser, tmp_path):
    from tests.cli.test_ingest import run

    run(app_database, "load-reference")
    run(app_database, "publish", str(tmp_path / "release"), "--languages", "zh-hans,en")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        pg.goto((tmp_path / "release" / "zh-hans" / "index.html").as_uri())
        pg.wait_for_selector("#map[data-ready=true]", timeout=30_000)
        assert pg.evaluate("document.documentElement.lang") == "zh-Hans"
        assert int(pg.locator("#map").get_attribute("data-marker-count")) >= 60
        assert pg.evaluate("document.getElementById('map').showStation('nl-rotterdam')")
        pg.locator(".leaflet-popup-content a").click()
        pg.wait_for_url("**/zh-hans/stations/nl-rotterdam.html")
        assert "荷兰" in pg.locator("h1").inner_text()
        screenshot(pg, "published-zh-hans-station")
        pg.locator("nav.languages").get_by_role("link", name="English").click()
        pg.wait_for_url((tmp_path / "release" / "stations" / "nl-rotterdam.html").as_uri())
        assert "Netherlands" in pg.locator("h1").inner_text()
        pg.locator("nav.languages").get_by_role("link", name="简体中文").click()
        pg.wait_for_url("**/zh-hans/stations/nl-rotterdam.html")
    finally:
        context.close()
    assert not errors, errors


def test_a_chinese_browser_lands_in_chinese_and_may_choose_english(served_atlas, browser):
    """Accept-Language on a first visit to an unprefixed page; the switch's English is kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        pg = context.new_page()
        pg.goto(f"{served_atlas}stations/nl-rotterdam/")
        assert pg.url == f"{served_atlas}zh-hans/stations/nl-rotterdam/"
        assert "鹿特丹" in pg.locator("h1").inner_text()  # the city's name, from GeoNames
        pg.locator("nav.languages").get_by_role("link", name="English").click()
        pg.wait_for_url(f"{served_atlas}stations/nl-rotterdam/")
        assert pg.evaluate("document.documentElement.lang") == "en"
        pg.goto(f"{served_atlas}countries/NL/")  # a later visit stays English
        assert pg.url == f"{served_atlas}countries/NL/"
        assert "Netherlands" in pg.locator("h1").inner_text()
    finally:
        context.close()
