"""The served atlas in a real browser: map, markers, station page with its citation."""

import pytest

from tests.browser.conftest import screenshot
from tests.conftest import bundled_counts

pytestmark = pytest.mark.browser


def test_home_map_shows_markers_in_many_countries_and_a_station_page_cites(served_atlas, page):
    page.goto(served_atlas)
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    the_map = page.locator("#map")
    assert int(the_map.get_attribute("data-marker-count")) >= 60
    assert int(the_map.get_attribute("data-marker-countries")) >= 30
    # Nearby stations are clustered; clusters and single markers are both on the map.
    assert page.locator(".marker-cluster").count() >= 5
    assert page.locator(".station-marker").count() >= 5
    # Country shapes are drawn from the vendored Natural Earth data.
    assert page.locator("path.leaflet-interactive").count() >= 150
    assert page.locator("#country-counts li").count() >= 30
    screenshot(page, "home")

    assert page.evaluate("document.getElementById('map').showStation('ie-dublin')")
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    link.click()
    page.wait_for_url("**/stations/ie-dublin/")
    assert page.locator("h1").inner_text().startswith("Dublin")
    citation = page.locator("li.citation a").first
    assert citation.get_attribute("href") == "https://www.bbc.com/news/articles/crgndy37n16o"
    screenshot(page, "station")


def test_station_list_filters_in_the_browser(served_atlas, page):
    page.goto(served_atlas + "stations/")
    page.select_option("select[name=country]", "IT")
    page.click("button[type=submit]")
    page.wait_for_url("**country=IT**")
    rows = page.locator("table.stations tbody tr")
    assert rows.count() == bundled_counts()["IT"]
    assert all(t.endswith("IT") for t in rows.locator("td:nth-child(2)").all_inner_texts())
    screenshot(page, "station-list-italy")


def test_phone_width_layout_keeps_the_map_and_navigation(served_atlas, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.goto(served_atlas)
    pg.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    box = pg.locator("#map").bounding_box()
    assert box["width"] <= 390
    assert pg.locator("nav[aria-label=Main] a").count() == 4
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(pg, "home-phone")
    context.close()
