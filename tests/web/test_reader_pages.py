"""What a signed-out reader finds: public search, index pages, case-insensitive addresses, a
styled 404, and one count of countries on the site and in the release."""

from __future__ import annotations

import json

import pytest

from tests.conftest import bundled_counts
from tests.web.test_atlas_data import ingest

pytestmark = pytest.mark.django_db


def test_anonymous_search_finds_stations_by_name_in_any_script(client, loaded):
    prato = client.get("/search/", {"q": "prato"})
    assert prato.status_code == 200
    assert "/stations/it-prato/" in prato.content.decode()
    fuzhou = client.get("/search/", {"q": "福州"}).content.decode()
    assert "/bureaus/Fuzhou/" in fuzhou and "/stations/ie-dublin/" in fuzhou  # Dublin: Fuzhou's
    assert "Stored documents" not in fuzhou


def test_search_facets_narrow_the_stations(client, loaded):
    page = client.get("/search/", {"q": "Fuzhou", "country": "IE"}).content.decode()
    assert "/stations/ie-dublin/" in page and "/stations/nl-rotterdam/" not in page
    assert "Any country" in page


def test_stored_document_text_stays_behind_sign_in(client, admin_client, loaded):
    ingest("d036.txt")
    assert "d036" not in client.get("/search/", {"q": "politieposten"}).content.decode()
    assert "d036" in admin_client.get("/search/", {"q": "politieposten"}).content.decode()


def test_country_and_bureau_indexes(client, loaded):
    countries = client.get("/countries/").content.decode()
    assert "/countries/NL/" in countries and "Netherlands" in countries
    assert f"{bundled_counts()['countries']} countries with a reported station" in countries
    bureaus = client.get("/bureaus/").content.decode()
    assert "/bureaus/Fuzhou/" in bureaus and "福州市公安局" in bureaus


def test_addresses_in_another_case_lead_to_the_page(client, loaded):
    assert client.get("/bureaus/fuzhou/")["Location"] == "/bureaus/Fuzhou/"
    assert client.get("/countries/nl/").status_code == 200
    assert client.get("/stations/IE-Dublin/")["Location"] == "/stations/ie-dublin/"


def test_not_found_is_a_page_of_the_site(client, loaded):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'aria-label="Main"' in html


def test_one_count_of_countries_on_the_site_and_in_the_release(client, loaded, tmp_path):
    from stationwatch_web.publish.services import publish

    counts = bundled_counts()
    assert f"{counts['stations']} reported stations in {counts['countries']} countries" in \
        client.get("/").content.decode()
    out = publish(tmp_path / "site").outdir
    assert json.loads((out / "release.json").read_bytes())["counts"]["countries"] == \
        counts["countries"]
    assert (out / "countries/index.html").is_file() and (out / "bureaus/index.html").is_file()
