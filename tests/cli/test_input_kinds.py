"""`stationwatch extract` on the real-world input kinds of issue 13, as a user runs it: one
process over every handed input, and bad arguments (a folder, a device, a pipe, a missing
file) beside good ones."""

import json
import os
import resource
import subprocess
from pathlib import Path

from tests.conftest import REPO, stationwatch_command

INPUTS = REPO / "tests" / "data" / "cases" / "inputs"


def extract(env, *args, timeout=240):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([stationwatch_command(), "extract", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=timeout)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    return proc, lines, max(peak_kb, before)


def cities(result):
    return {(s["country"], (s["city"] or "").lower()): s["bureau"] for s in result["stations"]}


def test_every_handed_input_in_one_run(cli_env):
    proc, out, _ = extract(cli_env, *sorted(INPUTS.iterdir()))
    assert "Traceback" not in proc.stderr
    by = {}
    for r in out:
        by.setdefault(Path(r["path"]).name, []).append(r)
    assert not [r for rs in by.values() for r in rs if r["errors"]], proc.stdout
    assert proc.returncode == 0, proc.stderr
    # WARC: every record, resource records, header charset, byte-faithful URIs, dates
    assert len(by["01-warc-stale-chunked-header.warc.gz"]) == 3
    assert len(by["02-warc-stale-gzip-header.warc.gz"]) == 4
    assert [r["relevant"] for r in by["03-warc-resource-records-only.warc.gz"]] == [True]
    hu, zh = by["05-warc-http-header-charset.warc"]
    assert ("HU", "budapest") in cities(hu) and "õ" not in json.dumps(hu, ensure_ascii=False)
    assert zh["lang"] == "zh" and zh["relevant"]
    assert [r["uri"] for r in by["06-warc-latin1-target-uri.warc"]][0] == \
        "https://news.example/caf%E9-article"
    (dated,) = by["11-warc-article-dated-2022.warc.gz"]
    assert dated["retrieved_at"] == "2022-10-26T08:00:00Z"
    assert dated["published_at"] == "2022-10-26T07:00:00Z"
    assert "1 document record(s) read, 0 skipped" in proc.stderr
    # encodings
    assert "õ" not in json.dumps(by["07-hu-article-cp1250.txt"], ensure_ascii=False)
    (big5,) = by["08-zh-short-post-big5.txt"]
    assert big5["lang"] == "zh" and big5["relevant"]
    # PDF
    (pdf,) = by["26-pdf-line-wrapped-en.pdf"]
    (txt,) = by["26-same-text-en.txt"]
    assert cities(pdf) == cities(txt) == {("NL", "rotterdam"): "Fuzhou",
                                          ("NL", "amsterdam"): "Fuzhou"}
    assert by["15-pdf-no-xref-table.pdf"][0]["relevant"]
    assert by["09-pdf-tounicode-lone-surrogate.pdf"][0]["relevant"]
    # HTML list, invisible characters
    assert {("NL", "rotterdam"), ("GB", "glasgow"), ("CZ", "prague")} <= set(
        cities(by["10-html-body-level-list.html"][0]))
    assert ("DE", "frankfurt") in cities(by["13-de-softhyphen.txt"][0])


def test_bad_arguments_are_error_entries_and_the_good_one_is_extracted(cli_env, tmp_path):
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "inner.txt").write_bytes((INPUTS / "26-same-text-en.txt").read_bytes())
    (folder / "empty").mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes: reading it would wait for ever
    good = tmp_path / "good.txt"
    good.write_bytes((INPUTS / "13-de-softhyphen.txt").read_bytes())
    proc, out, peak_kb = extract(cli_env, folder / "empty", folder, "/dev/zero", fifo,
                                 tmp_path / "missing.txt", good, timeout=120)
    assert proc.returncode == 1
    by = {r["path"]: r for r in out}
    assert by[str(folder / "empty")]["errors"] == ["no files in the directory"]
    assert by[str(folder / "sub" / "inner.txt")]["relevant"]  # a folder: its files
    assert "character device" in by["/dev/zero"]["errors"][0]
    assert "a pipe" in by[str(fifo)]["errors"][0]
    assert "No such file" in by[str(tmp_path / "missing.txt")]["errors"][0]
    assert by[str(good)]["relevant"] and not by[str(good)]["errors"]
    assert "4 input(s) had errors" in proc.stderr
    assert peak_kb < 2 * 1024 * 1024  # KiB: well under 2 GB


def test_a_warc_reports_what_it_skipped(cli_env, tmp_path):
    from tests.data.warcs import record

    warc = tmp_path / "mixed.warc"
    warc.write_bytes(record(b"software: x\r\n", kind="warcinfo",
                            content_type="application/warc-fields")
                     + record((INPUTS / "26-same-text-en.txt").read_bytes(), kind="resource",
                              content_type="text/plain", uri="file:///a.txt"))
    proc, out, _ = extract(cli_env, warc)
    assert proc.returncode == 0 and len(out) == 1 and out[0]["relevant"]
    assert f"{warc}: 1 document record(s) read, 1 skipped (warcinfo 1)" in proc.stderr


def test_scan_reads_every_record_of_the_handed_warcs_with_their_dates(cli_env, tmp_path):
    from stationwatch.ingest.sources import item_at

    out = tmp_path / "hits.jsonl"
    names = ["01-warc-stale-chunked-header.warc.gz", "02-warc-stale-gzip-header.warc.gz",
             "03-warc-resource-records-only.warc.gz", "11-warc-article-dated-2022.warc.gz"]
    proc = subprocess.run([stationwatch_command(), "scan", *(str(INPUTS / n) for n in names),
                           "--out", str(out), "--workers", "1"], env=cli_env,
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    hits = [json.loads(line) for line in out.read_text().splitlines()]
    per_file = {n: [h for h in hits if h["source_file"].endswith(n)] for n in names}
    assert [len(per_file[n]) for n in names] == [3, 4, 1, 1]
    assert not any(h["errors"] for h in hits)
    assert per_file[names[3]][0]["retrieved_at"] == "2022-10-26T08:00:00Z"
    assert per_file[names[3]][0]["published_at"] == "2022-10-26T07:00:00Z"
    # A hit's address reads back the same decoded record (what `scan --into-db` stores).
    for hit in per_file[names[1]]:
        again = item_at(Path(hit["source_file"]), hit["offset"])
        assert again.uri == hit["uri"] and b"Rotterdam" in again.payload


def test_ingest_bad_arguments_listed_the_rest_stored_with_their_dates(app_database, tmp_path):
    from tests.conftest import query

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((INPUTS / "13-de-softhyphen.txt").read_bytes())
    run = subprocess.run(
        [stationwatch_command(), "ingest", str(folder), "/dev/zero", str(tmp_path / "missing"),
         str(INPUTS / "11-warc-article-dated-2022.warc.gz"),
         str(INPUTS / "06-warc-latin1-target-uri.warc")],
        env=app_database, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    # 06 holds the same page twice (under two URIs): stored once.
    assert "stored 3 new sources" in run.stdout and "already had 1" in run.stdout
    assert "/dev/zero: not a regular file (a character device)" in run.stdout
    assert f"{tmp_path / 'missing'}: no such file or directory" in run.stdout
    rows = dict(query(app_database, "select url, published_at || ' / ' || retrieved_at "
                                    "from evidence_source where url like '%2022%'"))
    (dates,) = rows.values()
    assert dates.startswith("2022-10-26 07:00:00") and " / 2022-10-26 08:00:00" in dates
    urls = {u for (u,) in query(app_database, "select url from evidence_source")}
    assert "https://news.example/caf%E9-article" in urls


def test_feed_and_capture_dates_come_from_the_feed_or_the_page(app_database, httpserver_ipv4):
    from tests.conftest import query

    server = httpserver_ipv4
    env = {**app_database, "STATIONWATCH_CAPTURE_ALLOW_LOOPBACK": "true",
           "STATIONWATCH_CAPTURE_PORTS": f"80,443,{server.port}"}
    station = (INPUTS / "26-same-text-en.txt").read_text()
    undated = f"<html><body><article><p>{station}</p></article></body></html>"
    dated = ("<html><head><meta property='article:published_time' "
             "content='2022-11-02T10:00:00+01:00'></head><body><article><p>"
             f"{station} Dated.</p></article></body></html>")
    base = server.url_for("").rstrip("/")
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
           f"<item><title>a</title><link>{base}/a</link><guid>a</guid>"
           "<pubDate>Wed, 26 Oct 2022 08:00:00 GMT</pubDate></item>"
           f"<item><title>b</title><link>{base}/b</link><guid>b</guid>"
           "<pubDate>Thu, 27 Oct 2022 08:00:00 GMT</pubDate></item></channel></rss>")
    server.expect_request("/feed.xml").respond_with_data(rss, content_type="application/rss+xml")
    server.expect_request("/a").respond_with_data(undated, content_type="text/html")
    server.expect_request("/b").respond_with_data(dated, content_type="text/html")
    proc = subprocess.run([stationwatch_command(), "ingest", "--feed", f"{base}/feed.xml"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert "stored 2 new sources" in proc.stdout, proc.stdout + proc.stderr
    dates = dict(query(env, "select url, published_at from evidence_source"))
    assert str(dates[f"{base}/a"]).startswith("2022-10-26 08:00:00")  # the feed's pubDate
    assert str(dates[f"{base}/b"]).startswith("2022-11-02 09:00:00")  # the page's own date
    server.clear()


def test_scan_refuses_a_device_by_type_before_any_work(cli_env, tmp_path):
    proc = subprocess.run([stationwatch_command(), "scan", "/dev/zero", "--out",
                           str(tmp_path / "o.jsonl")], env=cli_env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode != 0 and "/dev/zero: not a regular file" in proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "o.jsonl").exists()


def test_a_record_read_raw_is_flagged_in_the_output(cli_env):
    proc, out, _ = extract(cli_env, INPUTS / "02-warc-stale-gzip-header.warc.gz")
    assert [r.get("flags") for r in out] == [None, ["warc:content-encoding-not-applied"],
                                             None, None]
