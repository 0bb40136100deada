"""The published static atlas opened from file:// in Chromium with the network off."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.cli.test_ingest import run

pytestmark = pytest.mark.browser


@pytest.fixture
def release_dir(app_database, tmp_path):
    run(app_database, "load-reference")
    run(app_database, "publish", str(tmp_path / "release"))
    return tmp_path / "release"


def test_static_atlas_works_from_file_with_the_network_disabled(release_dir, page):
    page.context.set_offline(True)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto((release_dir / "index.html").as_uri())
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    the_map = page.locator("#map")
    assert int(the_map.get_attribute("data-marker-count")) >= 60
    assert page.locator(".marker-cluster").count() >= 5
    assert page.locator("path.leaflet-interactive").count() >= 150
    assert page.locator("#country-counts li").count() >= 30
    screenshot(page, "published-home")

    assert page.evaluate("document.getElementById('map').showStation('ie-dublin')")
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    link.click()
    page.wait_for_url("**/stations/ie-dublin.html")
    assert page.locator("h1").inner_text().startswith("Dublin")
    assert page.locator("li.citation").count() >= 1
    screenshot(page, "published-station")

    page.get_by_role("link", name="Ireland").first.click()
    page.wait_for_url("**/countries/ie.html")
    page.get_by_role("link", name="Statistics").click()
    page.wait_for_selector("#timeline[data-ready=true]", timeout=30_000)
    page.get_by_role("link", name="Changes").click()
    assert "106 added" in page.locator("main").inner_text()
    # Everything came from the release folder: no request to any other origin.
    assert requested and all(u.startswith("file://") for u in requested), \
        [u for u in requested if not u.startswith("file://")]


def test_published_pages_pass_axe(release_dir, browser):
    from tests.browser.test_accessibility import violations

    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True,
                                  offline=True)
    pg = context.new_page()
    found = {}
    for name in ("index.html", "stations/index.html", "stations/ie-dublin.html",
                 "countries/nl.html", "bureaus/fuzhou.html", "statistics.html", "sources.html",
                 "changelog.html", "data.html"):
        pg.goto((release_dir / name).as_uri())
        if name == "index.html":
            pg.wait_for_selector("#map[data-ready=true]", timeout=30_000)
        found[name] = violations(pg)
    context.close()
    assert {p: v for p, v in found.items() if v} == {}
