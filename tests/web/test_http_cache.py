"""Public pages revalidate by data version (ETag, 304); signed-in pages are never stored."""

from __future__ import annotations

import pytest

from stationwatch_web.atlas.models import Station

pytestmark = pytest.mark.django_db
PUBLIC = ["/", "/stations/", "/statistics/", "/map-data.json", "/stations/ie-dublin/",
          "/countries/NL/", "/api/stations?limit=5"]


def test_a_public_page_answers_304_until_the_data_changes(client, loaded):
    for path in PUBLIC:
        first = client.get(path)
        assert first.status_code == 200, path
        etag = first["ETag"]
        assert "must-revalidate" in first["Cache-Control"], path
        again = client.get(path, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, path
        assert again["ETag"] == etag and not again.content
    station = Station.objects.get(key="ie-dublin")
    before = client.get("/stations/ie-dublin/")["ETag"]
    station.notes = "edited"
    station.save()
    after = client.get("/stations/ie-dublin/", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_each_query_and_language_has_its_own_validator(client, loaded):
    plain = client.get("/stations/")["ETag"]
    filtered = client.get("/stations/", {"country": "NL"})["ETag"]
    chinese = client.get("/zh-hans/stations/")["ETag"]
    assert len({plain, filtered, chinese}) == 3
    # A prefixed page is that language's whatever is asked: one validator, no Vary on it.
    asked = client.get("/zh-hans/stations/", HTTP_ACCEPT_LANGUAGE="fr")
    assert asked["ETag"] == chinese and "Accept-Language" not in asked["Vary"]
    assert client.get("/stations/", {"country": "NL"},
                      HTTP_IF_NONE_MATCH=plain).status_code == 200


def test_signed_in_pages_carry_no_validator_and_are_not_stored(client, loaded,
                                                               django_user_model):
    user = django_user_model.objects.create_user("reader", password="a long password here")
    client.force_login(user)
    response = client.get("/stations/")
    assert "ETag" not in response
    assert "no-store" in response["Cache-Control"]


def test_errors_and_private_paths_are_not_given_a_validator(client, loaded):
    assert "ETag" not in client.get("/stations/no-such-station/")
    assert "ETag" not in client.get("/accounts/login/")


def test_html_and_json_are_compressed_for_a_client_that_accepts_gzip(client, loaded):
    for path in ("/stations/", "/map-data.json"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", path
        import gzip

        assert gzip.decompress(response.content)  # a whole, valid gzip stream
