"""The one registry of exports and its writers: every file leaving stationwatch is named in
``formats.EXPORTS``, written from records of a published table, and no CSV of it holds a cell
a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import json

import pytest

from stationwatch.export import formats, release, schema
from stationwatch.export.formats import EXPORTS, FORMULA_START

CSV_EXPORTS = [name for name, e in EXPORTS.items() if e.format == "csv"]


def record(table: str, text: str) -> dict[str, object]:
    """A record of ``table`` whose every text field starts with ``text``."""
    values = {"number": 52.37, "integer": 2, "boolean": True}
    out: dict[str, object] = {}
    for f in schema.TABLES[table]:
        value = values.get(f.type, f"{text}{f.name}")
        out[f.name] = [value, f"{text}second"] if f.many else value
    return schema.only_allowed(out, schema.TABLES[table])


def rows(chunks) -> list[list[str]]:
    text = "".join(chunks)
    assert text.startswith("\ufeff")  # spreadsheets then read UTF-8 right
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_every_export_names_a_published_table_a_media_type_and_a_release_file():
    assert list(EXPORTS) == ["stations.csv", "stations.geojson", "stations.json",
                             "responses.csv", "sources.csv"]
    for name, export in EXPORTS.items():
        assert export.name == name and export.table in schema.TABLES
        assert export.media_type in {"text/csv", "application/json", "application/geo+json"}
    assert [n for n, *_ in release.DATA_FILES] == list(EXPORTS)
    assert formats.LIVE == ("stations.csv", "stations.geojson", "stations.json", "responses.csv")


def test_content_type_says_the_charset_of_text_only():
    assert EXPORTS["stations.csv"].content_type == "text/csv; charset=utf-8"
    assert EXPORTS["stations.json"].content_type == "application/json"
    assert EXPORTS["stations.geojson"].content_type == "application/geo+json"


@pytest.mark.parametrize("name", CSV_EXPORTS)
def test_csv_header_is_the_schema_and_rows_read_back(name):
    export = EXPORTS[name]
    header, row = rows(export.write([record(export.table, "x")]))
    assert header == schema.names(schema.TABLES[export.table])
    assert len(row) == len(header)


@pytest.mark.parametrize("start", FORMULA_START)
@pytest.mark.parametrize("name", CSV_EXPORTS)
def test_no_csv_export_holds_a_cell_a_spreadsheet_runs(name, start):
    export = EXPORTS[name]
    header, row = rows(export.write([record(export.table, f"{start}HYPERLINK(")]))
    for field, cell in zip(header, row, strict=True):
        assert not cell.startswith(FORMULA_START), (field, cell)
        if cell not in {"52.37", "2", "True"}:
            assert cell.startswith("'" + start), (field, cell)


def test_json_keeps_values_as_they_are_under_the_table_name():
    station = record("stations", "=")
    data = json.loads("".join(EXPORTS["stations.json"].write([station, station])))
    assert data == {"stations": [station, station]}


def test_geojson_places_located_records_and_keeps_the_others_with_no_geometry():
    located = {**record("stations", "a"), "key": "a", "latitude": 52.3731234,
               "longitude": 4.8925678}
    unplaced = {**record("stations", "b"), "key": "b", "latitude": None, "longitude": None}
    data = json.loads("".join(EXPORTS["stations.geojson"].write([located, unplaced])))
    assert data["type"] == "FeatureCollection"
    first, second = data["features"]
    assert first["id"] == "a" and first["geometry"] == {
        "type": "Point", "coordinates": [4.892568, 52.373123]}
    assert first["properties"] == located
    assert second["geometry"] is None and second["properties"]["key"] == "b"


def test_writers_stream_one_record_per_chunk():
    many = (record("responses", "r") for _ in range(1000))
    chunks = EXPORTS["responses.csv"].write(many)
    assert sum(1 for _ in chunks) == 1001  # header, then one line each
