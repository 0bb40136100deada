"""How records are written out: CSV, JSON and GeoJSON writers, and the one registry of exports.

Writers take records already passed through ``schema.only_allowed`` and yield text chunks, so
a caller can stream any number of rows in flat memory. ``EXPORTS`` names every file that
leaves stationwatch (the web's /exports/, the ``export`` command and a release's data/ read it).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .schema import TABLES, names

Record = dict[str, Any]
Writer = Callable[[str, Iterable[Record]], Iterator[str]]

# --- CSV --------------------------------------------------------------------------------------

#: A cell starting with one of these is run as a formula by spreadsheet programs (CSV
#: injection, OWASP): '=HYPERLINK(...)' in a source title could send a reader's data away.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str | int | float:
    """One CSV cell: lists joined by ' | ', None empty, numbers as they are, and text that a
    spreadsheet would take for a formula neutralised with a leading apostrophe."""
    if isinstance(value, bool) or value is None:
        text = "" if value is None else str(value)
    elif isinstance(value, int | float):
        return value
    elif isinstance(value, list | tuple):
        text = " | ".join(str(v) for v in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_text(header: list[str], rows: Iterable[Record]) -> Iterator[str]:
    """Every CSV file the project writes, line by line: a BOM (spreadsheets then read UTF-8
    right), the header, then each row's cells through ``csv_cell``."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + str(writer.writerow(header))
    for row in rows:
        yield str(writer.writerow([csv_cell(row[h]) for h in header]))


def csv_table(table: str, records: Iterable[Record]) -> Iterator[str]:
    """A table's records as CSV, its schema's fields as the header."""
    return csv_text(names(TABLES[table]), records)


# --- JSON and GeoJSON ---------------------------------------------------------------------------

def json_table(table: str, records: Iterable[Record]) -> Iterator[str]:
    """``{"<table>": [record, ...]}``, one record per chunk."""
    yield f'{{"{table}": ['
    for i, record in enumerate(records):
        yield ("," if i else "") + json.dumps(record, ensure_ascii=False)
    yield "]}\n"


def geojson_features(table: str, records: Iterable[Record]) -> Iterator[str]:
    """A FeatureCollection of records with ``key``, ``latitude`` and ``longitude``; one not
    located has a null geometry (RFC 7946 allows it) so the export stays complete."""
    yield '{"type": "FeatureCollection", "features": ['
    for i, record in enumerate(records):
        lat, lon = record["latitude"], record["longitude"]
        geometry = ({"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
                    if lat is not None and lon is not None else None)
        feature = {"type": "Feature", "id": record["key"], "geometry": geometry,
                   "properties": record}
        yield ("," if i else "") + json.dumps(feature, ensure_ascii=False)
    yield "]}\n"


# --- the registry -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Export:
    name: str  # the file name, e.g. stations.csv
    table: str  # whose records it holds: a key of schema.TABLES
    media_type: str
    writer: Writer
    #: Offered live (the web's /exports/, the ``export`` command); every export is a release file.
    live: bool = True

    @property
    def format(self) -> str:
        return self.name.rsplit(".", 1)[1]

    @property
    def resource(self) -> str:
        """Its resource name in a release's datapackage.json."""
        return self.table if self.format == "csv" else f"{self.table}-{self.format}"

    @property
    def content_type(self) -> str:
        """The HTTP Content-Type: text says its charset, JSON is UTF-8 by definition."""
        return f"{self.media_type}; charset=utf-8" if self.media_type.startswith("text/") \
            else self.media_type

    def write(self, records: Iterable[Record]) -> Iterator[str]:
        return self.writer(self.table, records)


EXPORTS = {e.name: e for e in [
    Export("stations.csv", "stations", "text/csv", csv_table),
    Export("stations.geojson", "stations", "application/geo+json", geojson_features),
    Export("stations.json", "stations", "application/json", json_table),
    Export("responses.csv", "responses", "text/csv", csv_table),
    # Sources are gathered while a release's pages are built: a release file only.
    Export("sources.csv", "sources", "text/csv", csv_table, live=False),
]}
#: The names offered live, in the order the exports page lists them.
LIVE = tuple(name for name, e in EXPORTS.items() if e.live)
