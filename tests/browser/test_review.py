"""The analyst's path in a real browser: review a candidate from the dev corpus, see the new
station on the filtered map, search in Chinese and Dutch, download and validate each export;
every page screenshotted for review."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import geojson
import pytest

from tests.browser.conftest import screenshot, sign_in
from tests.conftest import DEV_DOCS, stationwatch_command

pytestmark = pytest.mark.browser
DOCS = DEV_DOCS


@pytest.fixture
def analyst_page(served_atlas, page, app_database):
    sign_in(page, served_atlas, app_database, "d019.html", "d027.txt", "d036.txt")
    return page


def test_a_reviewed_candidate_appears_on_the_map(served_empty_atlas, page, app_database):
    base = served_empty_atlas
    sign_in(page, base, app_database, "d046.html", "d019.html")

    def markers(query: str = "") -> int:
        page.goto(base + query)
        page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
        return int(page.locator("#map").get_attribute("data-marker-count"))

    assert markers() == 0
    page.goto(base + "review/")
    screenshot(page, "review-queue")
    # A false positive: the article says Lagos is *not* on the list. Rejected with "r".
    page.get_by_role("link", name="Lagos, NG · bureau unknown").click()
    page.wait_for_url("**/review/claims/*/")
    assert page.locator("blockquote.evidence mark").count() >= 1
    screenshot(page, "review-claim")
    page.locator("h1").click()
    page.keyboard.press("r")
    page.wait_for_selector(".messages")
    assert "rejected" in page.locator(".messages").inner_text()

    # The German report on Frankfurt: the analyst adds the bureau it names, then accepts ("a").
    page.goto(base + "review/")
    page.get_by_role("link", name="Frankfurt, DE · bureau unknown").click()
    page.wait_for_url("**/review/claims/*/")
    page.locator("#id_bureau").fill("Qingtian")
    page.get_by_label("Source reliability (A-F)").select_option("B")
    page.locator("h1").click()
    page.keyboard.press("a")
    page.wait_for_selector(".messages")
    assert "accepted" in page.locator(".messages").inner_text()

    # Accepting makes an unpublished station; publishing it is an editor's act (the service
    # the admin calls, run here through `stationwatch manage shell`).
    assert markers("?country=DE") == 0
    publish = ("from django.contrib.auth import get_user_model\n"
               "from stationwatch_web.atlas.models import Station\n"
               "from stationwatch_web.atlas.services import station_save\n"
               "station = Station.objects.get(country='DE', published=False)\n"
               "station.published = True\n"
               "station_save(station=station, "
               "user=get_user_model().objects.get(username='analyst'))\n")
    done = subprocess.run([stationwatch_command(), "manage", "shell", "-c", publish],
                          env=app_database, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]

    assert markers("?country=DE") == 1 and markers("?country=NG") == 0
    page.goto(base)
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    page.get_by_label("Continent").select_option("EU")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**continent=EU**")
    page.wait_for_selector("#map[data-ready=true]", timeout=30_000)
    assert page.locator("#map").get_attribute("data-marker-count") == "1"
    screenshot(page, "map-after-review")
    page.goto(base + "stations/?country=DE")
    page.locator("table.stations tbody a").first.click()
    main = page.locator("main").inner_text()
    assert "Frankfurt" in main and "Qingtian" in main and "Single source" in main
    screenshot(page, "station-from-review")


def test_search_in_chinese_and_dutch(served_atlas, analyst_page):
    page = analyst_page
    page.goto(served_atlas + "search/")
    page.get_by_label("Words or phrase (any language)").fill("普拉托是意大利华人")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector(".count")
    assert page.locator("li.result").count() == 1
    assert "d027" in page.locator(".results").inner_text()
    assert page.locator(".snippet mark").count() == 1
    screenshot(page, "search-chinese")
    page.get_by_label("Words or phrase (any language)").fill("politieposten")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector(".count")
    assert "d036" in page.locator(".results").inner_text()
    screenshot(page, "search-dutch")


def test_each_export_downloads_and_validates(served_atlas, page):
    page.goto(served_atlas + "exports/")
    screenshot(page, "exports")
    got = {}
    for name in ("stations.csv", "stations.geojson", "stations.json", "responses.csv"):
        with page.expect_download() as info:
            page.get_by_role("link", name=name).click()
        got[name] = info.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(got["stations.csv"])))
    collection = geojson.loads(got["stations.geojson"])
    assert collection.is_valid and len(collection["features"]) == len(rows) >= 70
    assert len(json.loads(got["stations.json"])["stations"]) == len(rows)
    assert len(list(csv.DictReader(io.StringIO(got["responses.csv"])))) >= 50


def test_statistics_bureau_and_country_pages(served_atlas, page):
    page.goto(served_atlas + "statistics/")
    page.wait_for_selector("#timeline[data-ready=true]", timeout=30_000)
    assert "of them in Europe" in page.locator(".summary").inner_text()
    screenshot(page, "statistics")
    page.get_by_role("link", name="Fuzhou").first.click()
    page.wait_for_url("**/bureaus/Fuzhou/")
    assert page.locator("h1").inner_text().startswith("Fuzhou")
    screenshot(page, "bureau")
    page.goto(served_atlas + "countries/NL/")
    assert "Government responses" in page.locator("main").inner_text()
    screenshot(page, "country")
