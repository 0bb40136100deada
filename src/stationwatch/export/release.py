"""Data releases: the published fields (the allow-list), the manifest of hashes and the diff.

A release directory holds a static site and ``data/`` with the published tables. Every file is
listed in ``MANIFEST.sha256`` (the format ``sha256sum -c`` reads), so anyone can check a copy
without stationwatch. Nothing here touches a database: the web app builds the records, this
module says which fields they may hold and checks what was written.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import StationwatchError

MANIFEST = "MANIFEST.sha256"
RELEASE_INFO = "release.json"
STATIONS_JSON = "data/stations.json"
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
_LINE = re.compile(r"([0-9a-f]{64}) [ *](.+)")


class ReleaseError(StationwatchError):
    """A release cannot be built, read or trusted."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type
    description: str


#: The only station fields a release or an export may hold, in column order.
STATION_SCHEMA = [
    Field("key", "string", "Stable identifier of the station record."),
    Field("country", "string", "Host country, ISO 3166-1 alpha-2."),
    Field("country_name", "string", "Host country, English name."),
    Field("continent", "string", "GeoNames continent code (EU, AS, AF, NA, SA, OC)."),
    Field("city", "string", "City as GeoNames names it; empty when not located to a city."),
    Field("region", "string", "Region or province, when reported."),
    Field("location_label", "string", "The location as the source words it."),
    Field("latitude", "number", "Latitude of the city (not of any building)."),
    Field("longitude", "number", "Longitude of the city (not of any building)."),
    Field("bureau", "string", "Key of the Chinese public security bureau reported to run it."),
    Field("bureau_label", "string", "The bureau as the source names it."),
    Field("status", "string", "Furthest lifecycle stage reached: reported, investigated, "
                              "closure_ordered, closed, charged, convicted."),
    Field("front_type", "string", "Kind of premises reported: restaurant, shop, association, "
                                  "office, unknown."),
    Field("reported_on", "date", "Date first reported."),
    Field("investigated_on", "date", "Date a host-government investigation was reported."),
    Field("closure_ordered_on", "date", "Date a closure order was reported."),
    Field("closed_on", "date", "Date the station was reported closed."),
    Field("charged_on", "date", "Date charges or arrests were reported."),
    Field("convicted_on", "date", "Date a conviction was reported."),
    Field("confidence", "string", "Corroboration: none, single_weak, single, corroborated, "
                                  "strong; syndicated copies count once."),
    Field("independent_sources", "integer", "Independent sources (story groups) behind it."),
    Field("uncertain", "boolean", "True when it rests on weak or secondary sources only."),
    Field("sources", "string", "Cited sources: URLs, or sha256:HASH for stored documents "
                               "without one; ' | ' between them."),
    Field("grades", "string", "Admiralty grade of each cited source, in the same order: "
                              "reliability A-F and credibility 1-6; ' | ' between them."),
]
RESPONSE_SCHEMA = [
    Field("key", "string", "Stable identifier of the response record."),
    Field("country", "string", "Country that acted, ISO 3166-1 alpha-2 (EU for the Union)."),
    Field("country_name", "string", "Country that acted, English name."),
    Field("actor", "string", "The authority that acted."),
    Field("action", "string", "statement, investigation, closure_ordered, closed, arrest, "
                              "charge, conviction or denial_by_china."),
    Field("date", "date", "Date of the action (see date_text for its precision)."),
    Field("date_text", "string", "The date as precise as reported (2022, 2022-11...)."),
    Field("summary", "string", "What was reported, in a sentence."),
    Field("sources", "string", "Cited sources, ' | ' between them."),
    Field("grades", "string", "Admiralty grade of each cited source, same order."),
]
SOURCE_SCHEMA = [
    Field("citation", "string", "How stations and responses cite it: the URL, or "
                                "sha256:HASH for a stored document without one."),
    Field("kind", "string", "citation (reference only), url (captured), file, feed_item, "
                            "warc_record."),
    Field("url", "string", "Where it was published."),
    Field("title", "string", "Its title."),
    Field("publisher", "string", "Who published it."),
    Field("language", "string", "Language code."),
    Field("published_at", "string", "When it was published (ISO 8601, UTC)."),
    Field("captured_at", "string", "When stationwatch captured it (ISO 8601, UTC)."),
    Field("reliability", "string", "Admiralty reliability of the source, A-F."),
    Field("sha256", "string", "SHA-256 of the stored bytes: the evidence itself is withheld, "
                              "its hash lets an auditor confirm it exists unchanged."),
    Field("capture_sha256", "string", "SHA-256 of the stored WARC of the capture (request and "
                                      "response), for captured URLs."),
]
#: The fields whose change between releases the changelog reports.
DIFF_FIELDS = ("status", "bureau", "confidence")


def check_version(version: str) -> str:
    if not _VERSION.fullmatch(version):
        raise ReleaseError(f"release version {version!r}: use 1-40 letters, digits, '.', '_' "
                           "or '-', starting with a letter or digit")
    return version


def only_allowed(record: dict[str, Any], schema: list[Field]) -> dict[str, Any]:
    """The record with exactly the schema's fields, in order; a missing one is an error (a
    field added to a record without a published description never slips through)."""
    names = [f.name for f in schema]
    missing = [n for n in names if n not in record]
    if missing:
        raise ReleaseError(f"record lacks published fields {missing}")
    return {n: record[n] for n in names}


def table_schema(schema: list[Field]) -> dict[str, Any]:
    return {"fields": [{"name": f.name, "type": f.type, "description": f.description}
                       for f in schema]}


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


def csv_text(header: list[str], rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """Every CSV file the project writes, line by line: a BOM (spreadsheets then read UTF-8
    right), the header, then each row's cells through ``csv_cell``."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + str(writer.writerow(header))
    for row in rows:
        yield str(writer.writerow([csv_cell(row[h]) for h in header]))


# --- manifest --------------------------------------------------------------------------------

def _files(root: Path) -> Iterator[str]:
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            raise ReleaseError(f"{path.relative_to(root)}: symbolic links have no place in a "
                               "release")
        if path.is_file():
            name = path.relative_to(root).as_posix()
            if name != MANIFEST:
                yield name


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(root: Path) -> str:
    """List every file of ``root`` with its SHA-256; returns the manifest's own hash."""
    lines = [f"{sha256_file(root / name)}  {name}\n" for name in _files(root)]
    body = "".join(lines).encode("utf-8")
    (root / MANIFEST).write_bytes(body)
    return hashlib.sha256(body).hexdigest()


def read_manifest(root: Path) -> dict[str, str]:
    path = root / MANIFEST
    if not path.is_file():
        raise ReleaseError(f"{root}: no {MANIFEST}; not a stationwatch release")
    out: dict[str, str] = {}
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        raise ReleaseError(f"{path}: not UTF-8 text") from None
    for n, line in enumerate(text.splitlines(), 1):
        match = _LINE.fullmatch(line)
        name = match.group(2) if match else ""
        if not match or name.startswith("/") or ".." in name.split("/") or "\\" in name:
            raise ReleaseError(f"{path}, line {n}: not a 'HASH  path' line within the release")
        out[name] = match.group(1)
    return out


@dataclass
class VerifyReport:
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if self.ok:
            return f"ok: {self.checked} files match {MANIFEST}"
        return "\n".join([f"PROBLEM {p}" for p in self.problems]
                         + [f"{len(self.problems)} problem(s) in {self.checked} files"])


def verify_release(root: Path) -> VerifyReport:
    """Re-hash every file; name each changed, missing or unlisted one."""
    listed = read_manifest(root)
    report = VerifyReport()
    present = set(_files(root))
    for name, digest in listed.items():
        report.checked += 1
        if name not in present:
            report.problems.append(f"{name}: listed but missing")
        elif sha256_file(root / name) != digest:
            report.problems.append(f"{name}: SHA-256 differs from the manifest (changed)")
    for name in sorted(present - set(listed)):
        report.problems.append(f"{name}: not in the manifest (added)")
    return report


# --- what changed between two releases --------------------------------------------------------

@dataclass
class ReleaseDiff:
    added: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], list[tuple[str, Any, Any]]]] = field(
        default_factory=list)
    retracted: list[dict[str, Any]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"+ {s['key']} ({label(s)})" for s in self.added]
        for s, changes in self.changed:
            what = "; ".join(f"{f} {a or '-'} -> {b or '-'}" for f, a, b in changes)
            out.append(f"~ {s['key']} ({label(s)}): {what}")
        out += [f"- {s['key']} ({label(s)})" for s in self.retracted]
        return out

    def __str__(self) -> str:
        summary = (f"{len(self.added)} added, {len(self.changed)} changed, "
                   f"{len(self.retracted)} retracted")
        return "\n".join([*self.lines(), summary])


def label(station: dict[str, Any]) -> str:
    place = station.get("city") or station.get("location_label") or "location not reported"
    return f"{place}, {station.get('country_name') or station.get('country', '')}"


def summary_record(station: dict[str, Any]) -> dict[str, Any]:
    """What a release remembers of each station for later changelogs."""
    return {k: station.get(k, "") for k in ("key", "country", "country_name", "city",
                                            "location_label", *DIFF_FIELDS)}


def diff_stations(old: Iterable[dict[str, Any]], new: Iterable[dict[str, Any]]) -> ReleaseDiff:
    before = {s["key"]: s for s in old}
    after = {s["key"]: s for s in new}
    diff = ReleaseDiff()
    for key in sorted(after):
        if key not in before:
            diff.added.append(after[key])
            continue
        changes = [(f, before[key].get(f, ""), after[key].get(f, "")) for f in DIFF_FIELDS
                   if before[key].get(f, "") != after[key].get(f, "")]
        if changes:
            diff.changed.append((after[key], changes))
    diff.retracted = [before[k] for k in sorted(set(before) - set(after))]
    return diff


def read_stations(root: Path) -> list[dict[str, Any]]:
    """The stations of a release directory (its ``data/stations.json``)."""
    path = root / STATIONS_JSON
    if not path.is_file():
        raise ReleaseError(f"{root}: no {STATIONS_JSON}; not a stationwatch release")
    try:
        return parse_stations(path.read_bytes())
    except ReleaseError as exc:
        raise ReleaseError(f"{path}: {exc}") from None


def parse_stations(data: bytes) -> list[dict[str, Any]]:
    try:
        stations = json.loads(data)["stations"]
        if not all(isinstance(s, dict) and isinstance(s.get("key"), str) for s in stations):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise ReleaseError("not a stations file of a release") from None
    return list(stations)


# --- the Frictionless descriptor ---------------------------------------------------------------

#: The data files of a release: (path under data/, resource name, media type, schema or None).
DATA_FILES = [
    ("stations.csv", "stations", "text/csv", STATION_SCHEMA),
    ("responses.csv", "responses", "text/csv", RESPONSE_SCHEMA),
    ("sources.csv", "sources", "text/csv", SOURCE_SCHEMA),
    ("stations.geojson", "stations-geojson", "application/geo+json", None),
    ("stations.json", "stations-json", "application/json", None),
]


def datapackage(*, version: str, date: str, license: str, files: dict[str, bytes]
                ) -> dict[str, Any]:
    """A Frictionless Data Package descriptor of the data files (``files`` by name under
    data/): every field of every table described, every file with its size and hash."""
    resources = []
    for name, resource, mediatype, schema in DATA_FILES:
        body = files[f"data/{name}"]
        entry: dict[str, Any] = {
            "name": resource, "path": name, "mediatype": mediatype,
            "format": name.rsplit(".", 1)[1], "bytes": len(body),
            "hash": f"sha256:{hashlib.sha256(body).hexdigest()}"}
        if schema is not None:
            entry.update({"profile": "tabular-data-resource", "encoding": "utf-8-sig",
                          "schema": {**table_schema(schema),
                                     "primaryKey": [schema[0].name]}})
        else:
            entry.update({"profile": "data-resource", "encoding": "utf-8"})
        resources.append(entry)
    return {
        "profile": "data-package",
        "name": "stationwatch-overseas-police-stations",
        "title": "Reported overseas police stations and host-government responses",
        "description": "Published records of stationwatch: each is a report by the cited "
                       "sources, with Admiralty grades, not an established fact.",
        "version": version, "created": f"{date}T00:00:00Z",
        "licenses": [{"name": license}],
        "resources": resources,
    }
