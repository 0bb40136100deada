"""Map data filters, statistics, exports (re-read and validated), search, and the JSON API
(including schemathesis against its OpenAPI schema)."""

from __future__ import annotations

import csv
import io
import json

import geojson
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.urls import reverse
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import status_code_conformance

from stationwatch.ingest import load_path
from stationwatch.places import gazetteer
from stationwatch_web.atlas.models import Station
from tests.conftest import DEV_DOCS
from tests.web.stored import store_document

pytestmark = pytest.mark.django_db
DOCS = DEV_DOCS


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_map_data_takes_the_filters(client, loaded):
    everything = client.get(reverse("map-data")).json()
    europe = client.get(reverse("map-data"), {"continent": "EU"}).json()
    assert 0 < len(europe["markers"]) < len(everything["markers"])
    assert {gazetteer.country(c["code"]).continent for c in europe["countries"]} == {"EU"}
    nl = client.get(reverse("map-data"), {"country": "NL", "status": "closed"}).json()
    assert all(m["country"] == "NL" and m["status"] == "closed" for m in nl["markers"])
    strong = client.get(reverse("map-data"), {"min_confidence": "single"}).json()
    assert all(m["confidence"] in {"single", "corroborated", "strong"}
               for m in strong["markers"])
    period = client.get(reverse("map-data"), {"reported_from": "2023"}).json()
    keys = {m["key"] for m in period["markers"]}
    assert all(s.reported_on.year >= 2023 for s in Station.objects.filter(key__in=keys))
    assert client.get(reverse("map-data"), {"status": "nonsense"}).json() == everything


def test_statistics_are_computed_from_the_data_with_their_date(client, loaded):
    page = client.get(reverse("statistics")).content.decode()
    stations = Station.objects.filter(published=True)
    countries = stations.values("country").distinct().count()
    europe = stations.filter(continent="EU").values("country").distinct().count()
    assert f"{stations.count()} reported stations in {countries} countries," in page
    assert f"{europe} of them in Europe" in page and "true as of" in page
    timeline = client.get(reverse("timeline-data")).json()
    assert sum(timeline["stations"]) == stations.exclude(reported_on=None).count()
    assert len(timeline["months"]) == len(timeline["responses"])


def test_csv_export_is_complete_and_reads_back(client, loaded):
    response = client.get(reverse("export", args=["stations.csv"]))
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    published = Station.objects.filter(published=True)
    assert len(rows) == published.count()
    row = next(r for r in rows if r["sources"])
    assert row["grades"] and all(len(g) == 2 for g in row["grades"].split(" | "))
    assert {r["key"] for r in rows} == set(published.values_list("key", flat=True))


def test_geojson_export_is_valid_geojson(client, loaded):
    data = body(client.get(reverse("export", args=["stations.geojson"])))
    collection = geojson.loads(data)
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == Station.objects.filter(published=True).count()
    for f in features:
        if f["geometry"] is not None:
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    nl = geojson.loads(body(client.get(reverse("export", args=["stations.geojson"]),
                                       {"country": "NL"})))
    assert {f["properties"]["country"] for f in nl["features"]} == {"NL"}


def test_json_and_responses_exports(client, loaded):
    stations = json.loads(body(client.get(reverse("export", args=["stations.json"]))))
    assert len(stations["stations"]) == Station.objects.filter(published=True).count()
    rows = list(csv.DictReader(io.StringIO(
        body(client.get(reverse("export", args=["responses.csv"]))).lstrip("\ufeff"))))
    assert rows and all(r["action"] and r["date"] for r in rows)
    assert client.get(reverse("export", args=["secrets.csv"])).status_code == 404


def ingest(name: str) -> None:
    doc = next(load_path(DOCS / name))
    store_document(doc, payload=(DOCS / name).read_bytes(), origin=name)


@pytest.fixture
def searcher(client, django_user_model):
    for name in ("d027.txt", "d036.txt", "d034.html", "d001.html"):
        ingest(name)
    user = django_user_model.objects.create_superuser("searcher", password="z" * 16)
    client.force_login(user)
    return client


def found(client, q: str) -> list[str]:
    page = client.get(reverse("search"), {"q": q}).content.decode()
    return [name for name in ("d027", "d036", "d034", "d001") if f"{name}." in page]


def test_search_finds_chinese_in_either_script(searcher):
    assert found(searcher, "普拉托是意大利华人最集中的城市") == ["d027"]  # simplified query
    assert found(searcher, "意大利華人") == ["d027"]  # the document's traditional script
    assert found(searcher, "华人") == ["d027"]  # two characters: below the trigram length


def test_search_finds_dutch_words_accents_folded(searcher):
    assert "d036" in found(searcher, "politieposten")
    assert "d036" in found(searcher, "belgie") and "d036" in found(searcher, "BELGIË")
    assert found(searcher, "zzzqqq niets") == []


def test_search_needs_an_account(client):
    assert client.get(reverse("search"), {"q": "x"}).status_code == 302


def test_api_lists_stations_paginated_and_one_by_key(client, loaded):
    total = Station.objects.filter(published=True).count()
    page = client.get("/api/stations", {"limit": 10, "offset": 5}).json()
    assert page["count"] == total and len(page["items"]) == 10
    key = page["items"][0]["key"]
    one = client.get(f"/api/stations/{key}").json()
    assert one["key"] == key and one["grades"]
    assert client.get("/api/stations/no-such-station").status_code == 404
    assert client.get("/api/stations", {"country": "NL"}).json()["count"] == \
        Station.objects.filter(published=True, country="NL").count()
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/api/stations" in schema["paths"]


# The schema is served without touching the database, so it is read once at collection.
api = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def same_connection():
    """As Django's test client does: requests do not close the connection that holds the
    test's transaction (schemathesis calls the WSGI app directly, signals and all)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@api.parametrize()
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_api_never_fails_on_generated_requests(case, loaded, same_connection):
    # Every built-in check but one: ninja answers malformed parameters with a 422 it does not
    # list in the schema. Server errors and responses off their schema still fail.
    case.call_and_validate(excluded_checks=[status_code_conformance])


@pytest.mark.parametrize("path", ["/stations/?bureau=Fu%00zhou", "/map-data.json?country=N%00L",
                                  "/api/stations?bureau=%00", "/countries/N%00L/",
                                  "/bureaus/Fu%00zhou/", "/api/responses?country=%00%01"])
def test_nul_and_control_characters_in_parameters_are_harmless(client, loaded, path):
    assert client.get(path).status_code in {200, 404}
