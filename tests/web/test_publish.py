"""Publishing: the release holds the allow-listed fields of published records, refuses to rest
on unreviewed claims, is byte-for-byte reproducible, verifiable and diffable."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from stationwatch.errors import ReleaseError
from stationwatch.export import release, schema
from stationwatch_web.atlas.models import Station
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.evidence.models import Claim, Source
from stationwatch_web.publish.models import Release
from stationwatch_web.publish.services import publish

pytestmark = pytest.mark.django_db


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def released(loaded, tmp_path):
    return publish(tmp_path / "site")


def test_release_holds_the_site_the_data_and_a_manifest_that_verifies(released):
    out = released.outdir
    for name in ["index.html", "stations/index.html", "stations/ie-dublin.html",
                 "countries/ie.html", "bureaus/fuzhou.html", "statistics.html", "sources.html",
                 "changelog.html", "data.html", "data/stations.csv", "data/stations.geojson",
                 "data/stations.json", "data/responses.csv", "data/sources.csv",
                 "data/datapackage.json", "data/map-data.js", "release.json",
                 "static/vendor/leaflet/leaflet.js", release.MANIFEST]:
        assert (out / name).is_file(), name
    report = release.verify_release(out)
    assert report.ok and report.checked == len(tree(out)) - 1
    info = json.loads((out / "release.json").read_bytes())
    assert info["version"] == "1" and info["counts"]["stations"] == 106
    assert Release.objects.get().digest == info["digest"]
    # Station pages cite their sources with grades; sources show hashes or "cited".
    dublin = (out / "stations/ie-dublin.html").read_text()
    assert "https://www.bbc.com/news/articles/crgndy37n16o" in dublin
    assert 'href="../countries/ie.html"' in dublin and 'href="../static/atlas/site.css"' in dublin


def test_every_page_links_only_to_files_of_the_release_or_cited_sources(released):
    import re

    out = released.outdir
    for page in out.rglob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"]+)"', page.read_text()):
            if target.startswith(("https://", "http://", "#")):
                continue
            assert (page.parent / target).resolve().is_file(), (page, target)


def test_flipped_byte_added_and_removed_files_fail_verification(released):
    out = released.outdir
    csv_path = out / "data/stations.csv"
    body = bytearray(csv_path.read_bytes())
    body[100] ^= 1
    csv_path.write_bytes(bytes(body))
    (out / "extra.html").write_text("x")
    (out / "sources.html").unlink()
    problems = release.verify_release(out).problems
    assert problems == ["data/stations.csv: SHA-256 differs from the manifest (changed)",
                        "sources.html: listed but missing",
                        "extra.html: not in the manifest (added)"]


def test_same_data_published_twice_is_byte_identical(loaded, tmp_path):
    first = publish(tmp_path / "a")
    second = publish(tmp_path / "b")
    assert tree(first.outdir) == tree(second.outdir)
    assert (first.new, second.new) == (True, False)
    assert Release.objects.count() == 1
    assert AuditEvent.objects.filter(action="release.publish").count() == 2


def test_release_fields_are_exactly_the_allow_list(released):
    out = released.outdir
    rows = list(csv.DictReader(io.StringIO((out / "data/stations.csv").read_text("utf-8-sig"))))
    assert list(rows[0]) == [f.name for f in schema.STATION_SCHEMA]
    stations = json.loads((out / "data/stations.json").read_bytes())["stations"]
    assert {tuple(s) for s in stations} == {tuple(f.name for f in schema.STATION_SCHEMA)}
    sources = list(csv.DictReader(io.StringIO((out / "data/sources.csv").read_text("utf-8-sig"))))
    assert list(sources[0]) == [f.name for f in schema.SOURCE_SCHEMA]
    # Only sources a published record cites.
    cited = {c for s in rows for c in s["sources"].split(" | ") if c}
    assert {s["citation"] for s in sources} >= cited


def test_datapackage_is_valid_frictionless_and_describes_every_field(released):
    from frictionless import validate

    package = json.loads((released.outdir / "data/datapackage.json").read_bytes())
    for resource in package["resources"]:
        for f in resource.get("schema", {}).get("fields", []):
            assert f["description"], f
    report = validate(str(released.outdir / "data/datapackage.json"))
    assert report.valid, report.flatten(["title", "message"])


def test_unpublished_stations_and_private_evidence_text_stay_out(loaded, tmp_path):
    hidden = Station.objects.get(key="ie-dublin")
    hidden.published = False
    hidden.save()
    source = Source.objects.filter(kind="citation").first()
    Source.objects.filter(pk=source.pk).update(text="PRIVATE-EVIDENCE-TEXT")
    out = publish(tmp_path / "site").outdir
    everything = b"".join(tree(out).values())
    assert b"ie-dublin" not in everything and b"PRIVATE-EVIDENCE-TEXT" not in everything


def test_unreviewed_claims_stop_the_release_unless_allowed_and_audited(loaded, tmp_path):
    station = Station.objects.get(key="nl-amsterdam")
    doubtful = Claim.objects.create(source=Source.objects.first(), kind="station",
                                    value={"country": "NL"}, status="candidate")
    station.claims.add(doubtful)
    out = tmp_path / "site"
    with pytest.raises(ReleaseError, match="station nl-amsterdam"):
        publish(out)
    assert not out.exists() and not Release.objects.exists()
    published = publish(out, allow_unreviewed=True)
    assert published.unreviewed == ["station nl-amsterdam"]
    event = AuditEvent.objects.get(action="release.publish")
    assert event.detail["allow_unreviewed"] is True
    assert event.detail["unreviewed_included"] == ["station nl-amsterdam"]
    info = json.loads((out / "release.json").read_bytes())
    assert info["unreviewed_included"] == ["station nl-amsterdam"]


def test_a_published_version_never_changes_and_a_foreign_folder_is_never_replaced(
        released, tmp_path):
    Station.objects.filter(key="ie-dublin").update(status="convicted")
    before = tree(released.outdir)
    with pytest.raises(ReleaseError, match="release 1 was published"):
        publish(released.outdir, version="1")
    assert tree(released.outdir) == before
    foreign = tmp_path / "thesis"
    foreign.mkdir()
    (foreign / "chapter1.txt").write_text("mine")
    with pytest.raises(ReleaseError, match="not a stationwatch release"):
        publish(foreign)
    assert [p.name for p in foreign.iterdir()] == ["chapter1.txt"]
    with pytest.raises(ReleaseError, match="release version"):
        publish(tmp_path / "x", version="../2")


def test_changelog_and_diff_list_added_changed_and_retracted(released, tmp_path):
    was = Station.objects.get(key="ie-dublin").status
    Station.objects.filter(key="ie-dublin").update(status="convicted")
    Station.objects.filter(key="nl-amsterdam").update(published=False)
    second = publish(tmp_path / "two")
    assert second.release.version == "2" and second.new
    diff = release.diff_stations(release.read_stations(released.outdir),
                                 release.read_stations(second.outdir))
    assert [s["key"] for s in diff.added] == []
    assert [(s["key"], c) for s, c in diff.changed] == [
        ("ie-dublin", [("status", was, "convicted")])]
    assert [s["key"] for s in diff.retracted] == ["nl-amsterdam"]
    page = (second.outdir / "changelog.html").read_text()
    assert "Release 2" in page and f"status {was} → convicted" in page
    assert "Retracted" in page and "Release 1" in page and "106 added" in page


def test_the_web_app_links_the_latest_release_and_serves_its_files(released, client):
    page = client.get("/exports/").content.decode()
    assert "release 1 of" in page and "/releases/1/data.html" in page
    assert client.get("/releases/").status_code == 200
    body = b"".join(client.get("/releases/1/data/stations.csv").streaming_content)
    assert body == (released.outdir / "data/stations.csv").read_bytes()
    assert client.get("/releases/1/../../secret_key").status_code == 404
    assert client.get("/releases/9/index.html").status_code == 404


def test_e4_a_release_holds_no_evidence_document_only_its_hashes(released):
    kinds = {p.suffix for p in released.outdir.rglob("*") if p.is_file()}
    assert kinds <= {".html", ".css", ".js", ".json", ".csv", ".geojson", ".sha256", ".png",
                     ".md", ".txt", ""}, kinds
    pngs = {p.relative_to(released.outdir).as_posix()
            for p in released.outdir.rglob("*.png")}
    assert all(p.startswith("static/vendor/") for p in pngs)  # Leaflet's own control icons


def test_a_release_in_chinese_and_english_shares_one_data_release(loaded, tmp_path):
    out = tmp_path / "release"
    publish(out, languages=["zh-hans", "en"])
    english = (out / "stations" / "nl-rotterdam.html").read_text(encoding="utf-8")
    chinese = (out / "zh-hans" / "stations" / "nl-rotterdam.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "Netherlands" in english
    assert '<html lang="zh-Hans">' in chinese and "荷兰" in chinese and "运营公安局" in chinese
    # The switch: each page links to itself in the other language, relative, so it works
    # from disk; the Chinese pages share the release's static files and data.
    assert 'href="../zh-hans/stations/nl-rotterdam.html"' in english
    assert 'href="../../stations/nl-rotterdam.html"' in chinese
    assert 'href="../../static/atlas/site.css"' in chinese
    assert "荷兰" in (out / "zh-hans" / "data" / "map-data.js").read_text(encoding="utf-8")
    assert not (out / "zh-hans" / "data" / "stations.csv").exists()  # one data release
    report = release.verify_release(out)
    assert report.ok and report.checked == len(tree(out)) - 1  # one manifest for both


def test_a_release_refuses_a_language_not_complete(loaded, tmp_path):
    with pytest.raises(ReleaseError, match="no complete interface language sv"):
        publish(tmp_path / "release", languages=["sv"])
