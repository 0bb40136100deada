"""The atlas pages, through Django's test client on the real database."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_summarises_the_reference_data(client, loaded):
    html = client.get("/").content.decode()
    assert "106 reported stations in 49 countries" in html
    assert 'data-shapes-url="/static/vendor/world-atlas/countries-110m.json"' in html


def test_map_data_has_located_markers_and_country_counts(client, loaded):
    data = client.get("/map-data.json").json()
    assert len(data["markers"]) == 77  # stations located to a city
    assert {m["country"] for m in data["markers"]} >= {"NL", "GB", "US", "JP", "KR"}
    nl = next(c for c in data["countries"] if c["code"] == "NL")
    assert (nl["count"], nl["numeric"], nl["name"]) == (2, "528", "Netherlands")


def test_vendored_map_assets_are_served_offline(client):
    for path in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css",
                 "/static/vendor/topojson-client/topojson-client.min.js",
                 "/static/vendor/world-atlas/countries-110m.json", "/static/atlas/map.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(("query", "expected", "absent"), [
    ("country=NL", {"nl-amsterdam", "nl-rotterdam"}, {"ie-dublin"}),
    ("bureau=Nantong", {"kr-seoul-songpa-district", "nz-auckland"}, {"nl-rotterdam"}),
    ("status=charged", {"us-new-york-manhattan-chinatown"}, {"nl-rotterdam"}),
])
def test_station_list_filters(client, loaded, query, expected, absent):
    html = client.get(f"/stations/?{query}").content.decode()
    for key in expected:
        assert f"/stations/{key}/" in html
    for key in absent:
        assert f"/stations/{key}/" not in html


def test_station_page_shows_its_citation_and_grade(client, loaded):
    html = client.get("/stations/ie-dublin/").content.decode()
    assert "https://www.bbc.com/news/articles/crgndy37n16o" in html
    assert "Fuzhou Municipal Public Security Bureau" in html and "福州市公安局" in html
    assert '<span class="grade"' in html and "B2" in html


def test_country_page_lists_stations_and_responses(client, loaded):
    html = client.get("/countries/NL/").content.decode()
    assert "Netherlands" in html and "/stations/nl-rotterdam/" in html
    assert "Closure ordered" in html and "Dutch Foreign Minister" in html


def test_unknown_records_are_404(client, loaded):
    assert client.get("/stations/nowhere/").status_code == 404
    assert client.get("/countries/XQ/").status_code == 404


def test_unpublished_stations_are_not_shown(client, loaded):
    from stationwatch_web.atlas.models import Station

    Station.objects.filter(key="nl-rotterdam").update(published=False)
    assert client.get("/stations/nl-rotterdam/").status_code == 404
    assert "nl-rotterdam" not in client.get("/stations/").content.decode()
    assert all(m["key"] != "nl-rotterdam" for m in client.get("/map-data.json").json()["markers"])


def test_admin_lists_every_model(admin_client, loaded):
    for path in ("source", "claim"):
        assert admin_client.get(f"/admin/evidence/{path}/").status_code == 200
    for path in ("station", "bureau", "response"):
        assert admin_client.get(f"/admin/atlas/{path}/").status_code == 200
    assert admin_client.get("/admin/cases/case/").status_code == 200
    assert admin_client.get("/admin/audit/auditevent/").status_code == 200
