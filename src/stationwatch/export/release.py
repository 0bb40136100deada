"""Data releases: the folder, its manifest of hashes, the diff between two, the datapackage.

A release directory holds a static site and ``data/`` with the published tables. Every file is
listed in ``MANIFEST.sha256`` (the format ``sha256sum -c`` reads), so anyone can check a copy
without stationwatch. Nothing here touches a database: the web app builds the records
(through ``schema.only_allowed``), this module writes them out and checks what was written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import ReleaseError
from ..evidence.store import sha256_file
from .formats import EXPORTS
from .schema import TABLES, table_schema

MANIFEST = "MANIFEST.sha256"
RELEASE_INFO = "release.json"
STATIONS_JSON = "data/stations.json"
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
_LINE = re.compile(r"([0-9a-f]{64}) [ *](.+)")


#: The fields whose change between releases the changelog reports.
DIFF_FIELDS = ("status", "bureau", "confidence")


def check_version(version: str) -> str:
    if not _VERSION.fullmatch(version):
        raise ReleaseError(f"release version {version!r}: use 1-40 letters, digits, '.', '_' "
                           "or '-', starting with a letter or digit")
    return version


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


def write_manifest(root: Path) -> str:
    """List every file of ``root`` with its SHA-256; returns the manifest's own hash."""
    lines = [f"{sha256_file(root / name)}  {name}\n" for name in _files(root)]
    body = "".join(lines).encode("utf-8")
    (root / MANIFEST).write_bytes(body)
    return hashlib.sha256(body).hexdigest()


def write_tree(outdir: Path, files: dict[str, bytes]) -> str:
    """Write a release folder next to ``outdir``, list it in its manifest, then swap it in:
    a reader sees the old release or the new one, never half of one. Returns the manifest's
    hash. A folder that is not an earlier release is never replaced."""
    if outdir.exists() and not outdir.is_dir():
        raise ReleaseError(f"{outdir}: exists and is not a folder")
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / MANIFEST).is_file():
        raise ReleaseError(f"{outdir}: holds files that are not a stationwatch release; "
                           "give an empty or new folder")
    outdir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
    try:
        for name, body in sorted(files.items()):
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
        manifest = write_manifest(tmp)
        tmp.chmod(0o755)
        if outdir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.old.", dir=outdir.parent))
            outdir.rename(old / "release")
            tmp.rename(outdir)
            shutil.rmtree(old)
        else:
            tmp.rename(outdir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def release_date() -> date:
    """Today (UTC), or SOURCE_DATE_EPOCH when set, as reproducible builds do."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ReleaseError(f"SOURCE_DATE_EPOCH={epoch!r}: not a number of seconds")
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return datetime.now(UTC).date()


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

#: The data files of a release, one per export: (path under data/, resource name, media type,
#: schema for the tabular ones or None).
DATA_FILES = [(e.name, e.resource, e.media_type, TABLES[e.table] if e.format == "csv" else None)
              for e in EXPORTS.values()]


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
