"""One loader and one route: `extract`, `scan`, `scan --into-db`, `ingest` and `reextract` read
the same inputs the same way (a gzipped page, a JSONL archive record by record, a WARC, a
folder), and refuse the same bad arguments (a device, a pipe, a missing path) one line each
while the others go on."""

import gzip
import json
import os
import subprocess

import pytest

from tests.conftest import REPO, query, stationwatch_command
from tests.data.warcs import http_response, page, record

STATION = (REPO / "tests" / "data" / "cases" / "inputs" / "26-same-text-en.txt").read_text()
SECOND = "Dutch police investigated a Chinese police station in Amsterdam run from Fuzhou."


@pytest.fixture
def inputs(tmp_path):
    """A folder of the three kinds, and the bad arguments beside it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html.gz").write_bytes(gzip.compress(page(STATION)))
    (folder / "notes.jpg").write_bytes(b"\xff\xd8\xff not read from a folder")
    with (folder / "posts.jsonl").open("w") as fh:
        fh.write(json.dumps({"url": "https://a.example/1", "text": SECOND}) + "\n")
        fh.write(json.dumps({"url": "https://a.example/2", "html": page(STATION + " Again.")
                             .decode()}) + "\n")
    (folder / "crawl.warc").write_bytes(record(http_response(
        page(STATION + " In the archive."), "Content-Type: text/html"), uri="https://b.example/"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes: reading it would wait for ever
    return folder, ["/dev/zero", str(fifo), str(tmp_path / "missing.html")]


def run(env, *args):
    return subprocess.run([stationwatch_command(), *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=600)


def test_extract_reads_a_folder_of_each_kind_and_refuses_bad_arguments(cli_env, inputs):
    folder, bad = inputs
    proc = run(cli_env, "extract", folder, *bad)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    good = [r for r in out if not r["errors"]]
    assert sorted(os.path.basename(r["path"]) for r in good) == [
        "crawl.warc", "page.html.gz", "posts.jsonl", "posts.jsonl"]
    assert all(r["relevant"] for r in good)
    assert {r.get("uri") for r in good} >= {"https://a.example/1", "https://a.example/2",
                                             "https://b.example/"}
    errors = {r["path"]: r["errors"][0] for r in out if r["errors"]}
    assert "character device" in errors["/dev/zero"]
    assert "a pipe" in errors[bad[1]]
    assert "no such file or directory" in errors[bad[2]]
    assert "skipped 1 files of other kinds" in proc.stderr


@pytest.mark.timeout(900)  # the scan compiles its prefilter first: minutes on a loaded machine
def test_ingest_scan_into_db_and_reextract_store_the_same_documents(app_database, inputs,
                                                                    tmp_path):
    folder, bad = inputs
    ingested = run(app_database, "ingest", folder, *bad)
    assert ingested.returncode == 1, ingested.stdout + ingested.stderr
    assert "stored 4 new sources" in ingested.stdout, ingested.stdout
    for where, why in zip(bad, ("character device", "a pipe", "no such file"), strict=True):
        assert f"{where}: " in ingested.stdout and why in ingested.stdout
    kinds = sorted((kind, media.split(";")[0]) for kind, media in query(
        app_database, "select kind, media_type from evidence_source"))
    assert kinds == [("file", "text/html"), ("file", "text/html"), ("file", "text/plain"),
                     ("warc_record", "text/html")]

    # The scan reads the same records (parsed under the parser limits) and stores none twice.
    scanned = run(app_database, "scan", folder, *bad, "--out", tmp_path / "hits.jsonl",
                  "--workers", "1", "--into-db")
    assert scanned.returncode == 1 and "Traceback" not in scanned.stderr
    assert "stored 0 new sources with 0 candidate claims; already had 4" in scanned.stderr
    assert "3 input(s) not scanned" in scanned.stderr and "/dev/zero: not a regular" in \
        scanned.stderr
    hits = [json.loads(line) for line in (tmp_path / "hits.jsonl").read_text().splitlines()]
    assert len(hits) == 4 and all(h["relevant"] for h in hits)

    again = run(app_database, "reextract", "--all")
    assert again.returncode == 0 and "re-extracted 4 sources" in again.stdout, again.stdout
    assert query(app_database, "select count(*) from evidence_source") == [(4,)]
