"""Every page checked with axe-core (WCAG 2 A and AA rules) in Chromium: no serious or
critical violation, for an anonymous reader and for a signed-in analyst."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PUBLIC = ["", "stations/", "stations/ie-dublin/", "countries/NL/", "bureaus/Fuzhou/",
          "statistics/", "exports/", "accounts/login/"]
ANALYST = ["review/", "search/?q=politieposten", "ingest/"]


def violations(page) -> list[str]:
    page.add_script_tag(content=AXE)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
                                                     values: ['wcag2a', 'wcag2aa']}});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
    }""")
    return list(result)


@pytest.fixture
def page(browser):
    """A page whose context lets the test inject axe despite the app's strict policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context.new_page()
    context.close()


def test_public_and_analyst_pages_pass_axe(served_atlas, page, app_database):
    # The checker itself works: an image without alternative text is caught.
    page.goto(served_atlas + "accounts/login/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert any(v.startswith("image-alt") for v in violations(page))
    found = {}
    for path in PUBLIC:
        page.goto(served_atlas + path)
        if path == "":
            page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
        if path == "statistics/":
            page.wait_for_selector("#timeline[data-ready=true]", timeout=30_000)
        found[path] = violations(page)
    sign_in(page, served_atlas, app_database, "d036.txt")
    for path in ANALYST:
        page.goto(served_atlas + path)
        found[path] = violations(page)
    page.goto(served_atlas + "review/")
    page.locator("table.queue a").first.click()
    page.wait_for_url("**/review/claims/*/")
    found["review claim"] = violations(page)
    assert {p: v for p, v in found.items() if v} == {}


#: Every served language, each with the page types it is checked on: all of them in both
#: Chinese scripts, one each (turn about, so every type is checked outside Chinese too) in the
#: others. Seven pages in two languages plus one in ten keeps the check to a minute or so.
_ONE_EACH = ["nl", "it", "es", "fr", "de", "pt", "cs", "hu", "ja", "ko"]
LANGUAGE_PAGES = {"zh-hans": PUBLIC[:-1], "zh-hant": PUBLIC[:-1],
                  **{lang: [PUBLIC[i % (len(PUBLIC) - 1)]] for i, lang in enumerate(_ONE_EACH)}}


def test_every_served_language_is_checked():
    from django.conf import settings

    assert set(LANGUAGE_PAGES) == {code for code, _name in settings.LANGUAGES} - {"en"}
    assert {p for pages in LANGUAGE_PAGES.values() for p in pages} == set(PUBLIC[:-1])


@pytest.mark.parametrize("lang", sorted(LANGUAGE_PAGES))
def test_public_pages_pass_axe_in_every_served_language(served_atlas, page, lang):
    """The same rules in each served language: its `lang` on the page, the bureau's Chinese
    name and the records' English words marked as such."""
    found = {}
    for path in LANGUAGE_PAGES[lang]:
        page.goto(f"{served_atlas}{lang}/{path}")
        if path == "":
            page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
        if path == "statistics/":
            page.wait_for_selector("#timeline[data-ready=true]", timeout=30_000)
        assert page.evaluate("document.documentElement.lang").lower() == lang, path
        found[path] = violations(page)
    assert {p: v for p, v in found.items() if v} == {}


def test_the_sign_in_page_passes_axe_in_the_browsers_language(served_atlas, browser):
    """Unprefixed, the sign-in page is in the browser's language (allauth's words too)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True,
                                  locale="ja-JP")
    try:
        pg = context.new_page()
        pg.goto(served_atlas + "accounts/login/")
        assert pg.evaluate("document.documentElement.lang") == "ja"
        assert violations(pg) == []
    finally:
        context.close()
