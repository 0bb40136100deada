"""`stationwatch ingest URL`, `ingest --feed` and `watch` against a real local HTTP server."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from werkzeug import Request, Response

from tests.cli.test_ingest import blobs, run
from tests.conftest import DEV, query


@pytest.fixture
def server(httpserver_ipv4):
    httpserver_ipv4.clear()
    yield httpserver_ipv4
    httpserver_ipv4.clear()


@pytest.fixture
def env(app_database, server):
    """The CLI's environment, allowed to reach this test's loopback server and nothing else."""
    return {**app_database, "STATIONWATCH_CAPTURE_ALLOW_LOOPBACK": "true",
            "STATIONWATCH_CAPTURE_PORTS": f"80,443,{server.port}"}


def dev_page(name: str) -> bytes:
    return (DEV / "docs" / name).read_bytes()


def test_capture_stores_page_claims_and_a_replayable_warc(env, server):
    page = dev_page("d001.html")
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/story"})
    server.expect_request("/story").respond_with_data(page,
                                                      content_type="text/html; charset=utf-8")
    first = run(env, "ingest", server.url_for("/old"), "--tag", "web")
    assert "stored 1 new sources" in first.stdout
    [(kind, url, requested, status, capture_sha, record_id, tags)] = query(
        env, "select kind, url, requested_url, http_status, capture_sha256, warc_record_id, "
             "tags from evidence_source")
    assert kind == "url" and url == server.url_for("/story") and requested.endswith("/old")
    assert status == 200 and len(capture_sha) == 64 and record_id.startswith("<urn:uuid:")
    assert json.loads(tags) == ["web"] if isinstance(tags, str) else tags == ["web"]

    # Candidate claims are those `stationwatch extract` finds in the same bytes.
    (Path(env["STATIONWATCH_DATA_DIR"]).parent / "d001.html").write_bytes(page)
    extracted = json.loads(run(env, "extract", DEV / "docs" / "d001.html").stdout)
    stations = query(env, "select count(*) from evidence_claim where kind = 'station'")[0][0]
    assert stations == len(extracted["stations"]) > 0

    again = run(env, "ingest", server.url_for("/story"))
    assert "stored 0 new sources" in again.stdout and "already had 1" in again.stdout
    assert len(blobs(env)) == 2  # the page and its WARC; the second capture added nothing
    assert "checked 2 blobs and 1 stored sources: ok" in run(env, "verify").stdout

    warc = next(p for p in blobs(env) if p.name == capture_sha)
    raw = bytearray(gzip.decompress(warc.read_bytes()))
    raw[raw.rindex(b"</html>")] ^= 0x01
    warc.chmod(0o644)
    warc.write_bytes(gzip.compress(bytes(raw)))
    bad = run(env, "verify", check=False)
    assert bad.returncode == 1 and "PROBLEM" in bad.stdout and capture_sha in bad.stdout


def test_refused_and_failed_captures_are_listed_and_store_nothing(env, server):
    def endless(_request):
        return Response((b"x" * 65536 for _ in range(100_000)), content_type="text/plain")

    server.expect_request("/endless").respond_with_handler(endless)
    env = {**env, "STATIONWATCH_CAPTURE_MAX_BYTES": "1000000"}
    result = run(env, "ingest", server.url_for("/endless"), "file:///etc/passwd",
                 "http://169.254.169.254/latest/meta-data/", check=False)
    assert result.returncode == 1
    out = result.stdout
    assert "stored 0 new sources" in out and "3 failed" in out
    assert "too large: more than 1,000,000 bytes after decoding" in out
    assert "only http and https URLs can be captured" in out
    assert "destination not allowed (link-local)" in out
    assert blobs(env) == []
    assert query(env, "select count(*) from audit_auditevent "
                      "where action = 'source.ingest_failed'") == [(3,)]


def feed_xml(base: str, names: list[str]) -> str:
    items = "".join(f"<item><title>{n}</title><link>{base}/a/{n}</link><guid>{n}</guid></item>"
                    for n in names)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Dev news</title>{items}' \
           f"</channel></rss>"


class FeedSite:
    """A news site: a feed with an ETag, and the dev corpus pages it links to."""

    def __init__(self, server, names: list[str]) -> None:
        self.server, self.names, self.feed_requests = server, names, []
        server.expect_request("/feed.xml").respond_with_handler(self.feed)
        server.expect_request("/a/d009.html").respond_with_data(dev_page("d009.html"),
                                                                 content_type="text/html")
        for name in ("d001.html", "d003.html", "d005.html"):
            server.expect_request(f"/a/{name}").respond_with_data(dev_page(name),
                                                                   content_type="text/html")

    def feed(self, request: Request) -> Response:
        etag = f'"{len(self.names)}"'
        self.feed_requests.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        body = feed_xml(self.server.url_for("").rstrip("/"), self.names)
        return Response(body, content_type="application/rss+xml", headers={"ETag": etag})


def test_feeds_are_polled_conditionally_and_only_new_entries_are_captured(env, server):
    site = FeedSite(server, ["d001.html", "d003.html"])
    first = run(env, "ingest", "--feed", server.url_for("/feed.xml"))
    assert "2 entries, 2 new" in first.stdout and "stored 2 new sources" in first.stdout
    assert query(env, "select count(*) from evidence_source where kind = 'feed_item'") == [(2,)]

    unchanged = run(env, "watch", "--once")
    assert "not modified" in unchanged.stdout
    assert site.feed_requests == [None, '"2"']

    site.names.append("d005.html")
    changed = run(env, "watch", "--once")
    assert "3 entries, 1 new" in changed.stdout and "stored 1 new sources" in changed.stdout
    captured = [url for (url,) in query(env, "select url from evidence_source")]
    assert sorted(p.rsplit("/", 1)[1] for p in captured) == ["d001.html", "d003.html",
                                                            "d005.html"]
    assert query(env, "select count(*) from evidence_feedentry") == [(3,)]


def test_watch_without_feeds_says_how_to_add_one(env):
    result = run(env, "watch", "--once", check=False)
    assert result.returncode == 1 and "stationwatch ingest --feed URL" in result.stderr


def test_a_feed_url_that_is_not_a_feed_fails_clearly(env, server):
    server.expect_request("/notfeed").respond_with_data("<html><body>hi</body></html>",
                                                        content_type="text/html")
    result = run(env, "ingest", "--feed", server.url_for("/notfeed"), check=False)
    assert result.returncode == 1 and "content type 'text/html' is not accepted" in result.stdout


def test_export_command_writes_complete_files(app_database, tmp_path):
    run(app_database, "load-reference")
    out = tmp_path / "stations.geojson"
    run(app_database, "export", "stations.geojson", "--out", out)
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) == query(app_database, "select count(*) from atlas_station "
                                                "where published")[0][0]
    csv_text = run(app_database, "export", "stations.csv").stdout
    assert csv_text.lstrip("\ufeff").startswith("key,country,country_name")
    assert "re-extracted 0 sources" in run(app_database, "reextract").stdout
