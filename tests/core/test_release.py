"""Release manifests and diffs, without a database; hostile manifests and folders included."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stationwatch.errors import ReleaseError
from stationwatch.export import release, schema


def make(root: Path, files: dict[str, bytes]) -> Path:
    for name, body in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(body)
    release.write_manifest(root)
    return root


def test_manifest_is_what_sha256sum_reads_and_verifies(tmp_path):
    import subprocess

    root = make(tmp_path, {"a.html": b"<p>a</p>", "data/b.csv": b"x,y\n", "z/y/x.js": b""})
    lines = (root / release.MANIFEST).read_text().splitlines()
    assert [line.split("  ")[1] for line in lines] == ["a.html", "data/b.csv", "z/y/x.js"]
    assert release.verify_release(root).ok
    done = subprocess.run(["sha256sum", "-c", release.MANIFEST], cwd=root, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize("line", [
    "not a manifest line",
    f"{'0' * 64}  ../outside.txt",
    f"{'0' * 64}  /etc/passwd",
    f"{'0' * 64}  data/..\\..\\x",
    f"{'0' * 63}  short-hash.txt",
])
def test_hostile_manifest_lines_are_refused_with_their_line(tmp_path, line):
    root = make(tmp_path, {"a.html": b"a"})
    with (root / release.MANIFEST).open("a") as fh:
        fh.write(line + "\n")
    with pytest.raises(ReleaseError, match="line 2"):
        release.verify_release(root)


def test_folders_that_are_not_releases_are_named(tmp_path):
    with pytest.raises(ReleaseError, match="no MANIFEST.sha256"):
        release.verify_release(tmp_path)
    (tmp_path / release.MANIFEST).write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(ReleaseError, match="not UTF-8"):
        release.verify_release(tmp_path)
    with pytest.raises(ReleaseError, match="no data/stations.json"):
        release.read_stations(tmp_path)
    (tmp_path / "data").mkdir()
    for body in (b"{", b"[]", b'{"stations": [1]}', b'{"stations": [{"key": 5}]}', b"\x00" * 9):
        (tmp_path / release.STATIONS_JSON).write_bytes(body)
        with pytest.raises(ReleaseError, match="not a stations file"):
            release.read_stations(tmp_path)


def test_a_symlink_planted_in_a_release_is_refused(tmp_path):
    root = make(tmp_path, {"a.html": b"a"})
    os.symlink("/etc/passwd", root / "passwd.html")
    with pytest.raises(ReleaseError, match="symbolic links"):
        release.verify_release(root)


def test_diff_names_added_changed_and_retracted_stations():
    old = [{"key": "a", "city": "Prato", "country_name": "Italy", "status": "reported",
            "bureau": "Fuzhou", "confidence": "single"},
           {"key": "b", "city": "Dublin", "country_name": "Ireland", "status": "reported",
            "bureau": "", "confidence": "single"}]
    new = [{**old[0], "status": "closed", "bureau": "Qingtian"},
           {"key": "c", "city": "", "country": "NL", "status": "reported", "bureau": "",
            "confidence": "none"}]
    diff = release.diff_stations(old, new)
    assert str(diff).splitlines() == [
        "+ c (location not reported, NL)",
        "~ a (Prato, Italy): status reported -> closed; bureau Fuzhou -> Qingtian",
        "- b (Dublin, Ireland)",
        "1 added, 1 changed, 1 retracted"]


@pytest.mark.parametrize("version", ["", "../1", "a/b", "1 2", "-1", "x" * 41, "é"])
def test_release_versions_are_plain_names(version):
    with pytest.raises(ReleaseError, match="release version"):
        release.check_version(version)


def test_a_record_without_a_described_field_is_refused():
    record = {f.name: "" for f in schema.STATION_SCHEMA[:-1]}
    with pytest.raises(ReleaseError, match="grades"):
        schema.only_allowed(record, schema.STATION_SCHEMA)
    extra = {**{f.name: "" for f in schema.STATION_SCHEMA}, "notes_private": "x"}
    assert "notes_private" not in schema.only_allowed(extra, schema.STATION_SCHEMA)


def test_datapackage_lists_every_file_with_its_hash():
    files = {f"data/{name}": name.encode() for name, *_ in release.DATA_FILES}
    package = release.datapackage(version="3", date="2026-01-02", license="CC-BY-4.0",
                                  files=files)
    assert [r["path"] for r in package["resources"]] == [n for n, *_ in release.DATA_FILES]
    assert json.dumps(package)  # serializable as it is
    stations = package["resources"][0]
    assert stations["schema"]["primaryKey"] == ["key"]
    assert stations["hash"].startswith("sha256:") and stations["bytes"] == len("stations.csv")
