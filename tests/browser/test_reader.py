"""A signed-out reader in Chromium: public search in any script, a map that filters and zooms
with the filter in the address, a short keyboard path to the station list, the index pages and
a styled 404; and the same map filters in the published atlas opened from file://."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_published import release_dir  # noqa: F401 - the fixture
from tests.conftest import bundled_counts

pytestmark = pytest.mark.browser


def search(page, base: str, words: str) -> None:
    page.goto(base)
    page.get_by_label("Find stations, bureaus, countries or sources").fill(words)
    page.get_by_role("button", name="Find").click()
    page.wait_for_selector(".hits-count")


def test_signed_out_search_finds_stations_in_latin_and_chinese(served_atlas, page):
    search(page, served_atlas, "Prato")
    page.locator("table.stations a", has_text="Prato").first.click()
    page.wait_for_url("**/stations/it-prato/")
    assert page.locator("h1").inner_text().startswith("Prato")

    search(page, served_atlas, "福州")
    rows = page.locator("table.stations tbody tr")
    assert rows.count() >= 10  # the Fuzhou bureau's stations, found by its Chinese name
    assert page.get_by_role("link", name="Fuzhou Municipal Public Security Bureau").count() == 1
    screenshot(page, "search-fuzhou")
    # A facet narrows the stations and is kept in the address.
    country = page.locator("#facet-country + ul a").first
    name = country.inner_text()
    country.click()
    page.wait_for_url("**country=**")
    assert rows.count() > 0 and all(name in t for t in
                                    rows.locator("td:nth-child(2)").all_inner_texts())


def test_map_filter_zooms_to_the_country_and_stays_in_the_address(served_atlas, page):
    page.goto(served_atlas)
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    assert page.locator("#map").get_attribute("data-zoom") == "2"
    assert page.locator(".legend li").count() >= 3
    page.select_option("select[name=country]", "IT")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**country=IT**")
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    the_map = page.locator("#map")
    assert int(the_map.get_attribute("data-zoom")) >= 4
    assert 5 <= int(the_map.get_attribute("data-shown")) <= bundled_counts()["IT"]  # located
    assert page.locator("#station-index li:not([hidden])").count() == bundled_counts()["IT"]
    screenshot(page, "map-italy")
    assert page.evaluate("document.getElementById('map').showStation('it-prato')")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Status" in text and "Confidence" in text and "First reported" in text
    assert "single_weak" not in text and "reported ·" not in text


def test_keyboard_reaches_the_station_list_in_under_15_tab_stops(served_atlas, page):
    page.goto(served_atlas)
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    stops = 0
    for _ in range(15):
        page.keyboard.press("Tab")
        stops += 1
        focused = page.evaluate("""() => {
            const e = document.activeElement;
            return {text: e.textContent.trim(), inList: !!e.closest('#station-index'),
                    onMap: !!e.closest('.leaflet-marker-pane, .leaflet-overlay-pane')};
        }""")
        assert not focused["onMap"], "a map shape or marker took a Tab stop"
        if focused["text"].startswith("Skip the map"):
            page.keyboard.press("Enter")
        if focused["inList"]:
            break
    assert focused["inList"] and stops < 15, (stops, focused)


def test_index_pages_case_insensitive_slugs_and_a_styled_404(served_atlas, page):
    page.goto(served_atlas + "countries/")
    assert page.get_by_role("link", name="Netherlands").count() == 1
    assert "European Union" in page.locator("main").inner_text() or \
        page.locator("main").inner_text().count("EU") >= 1
    page.goto(served_atlas + "bureaus/")
    page.get_by_role("link", name="Fuzhou Municipal Public Security Bureau").click()
    page.wait_for_url("**/bureaus/Fuzhou/")
    page.goto(served_atlas + "bureaus/fuzhou/")
    page.wait_for_url("**/bureaus/Fuzhou/")
    assert page.locator("h1").inner_text().startswith("Fuzhou")
    response = page.goto(served_atlas + "no/such/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator("header.site nav[aria-label=Main]").count() == 1  # in the site's frame
    screenshot(page, "not-found")


def test_published_atlas_filters_the_map_from_file(release_dir, page):  # noqa: F811
    page.context.set_offline(True)
    page.goto((release_dir / "index.html").as_uri())
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    page.select_option("select[name=country]", "IT")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**#country=IT")
    the_map = page.locator("#map")
    page.wait_for_function("Number(document.getElementById('map').dataset.shown) < 10")
    assert int(the_map.get_attribute("data-zoom")) >= 4
    assert page.locator("#station-index li:not([hidden])").count() == bundled_counts()["IT"]
    screenshot(page, "published-map-italy")
    # The filter is in the address: opened again, the page filters itself.
    page.goto((release_dir / "index.html").as_uri() + "#status=closed")
    page.reload()
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    assert page.locator("select[name=status]").input_value() == "closed"
    shown = page.locator("#station-index li:not([hidden])").count()
    assert 0 < shown < 73
