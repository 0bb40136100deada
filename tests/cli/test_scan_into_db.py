"""`stationwatch scan --into-db` on the dev WARC, into a real database, twice."""

import os
import subprocess
from pathlib import Path

from tests.conftest import DEV, query, stationwatch_command


def run(env, out):
    return subprocess.run([stationwatch_command(), "scan", str(DEV / "dev.warc.gz"),
                           "--out", str(out), "--workers", "1", "--into-db"], env=env,
                          capture_output=True, text=True, timeout=600, check=True).stderr


def test_hits_are_stored_once_with_their_record_address(app_database, tmp_path):
    from stationwatch.extract import extract
    from stationwatch.ingest import load_path

    hits = sum(extract(doc).relevant for doc in load_path(DEV / "dev.warc.gz"))
    assert hits >= 40  # what `extract` finds in the whole WARC
    first = run(app_database, tmp_path / "a.jsonl")
    assert f"stored {hits} new sources" in first and "already had 0" in first
    second = run(app_database, tmp_path / "b.jsonl")
    assert f"stored 0 new sources with 0 candidate claims; already had {hits}" in second
    assert query(app_database, "select count(*) from evidence_source") == [(hits,)]
    sources = query(app_database, "select kind, warc_record_id, origin, origin_offset, url "
                                 "from evidence_source")
    for kind, record_id, origin, offset, url in sources:
        assert kind == "warc_record" and record_id.startswith("<urn:uuid:")
        assert origin.endswith("dev.warc.gz") and offset >= 0 and url.startswith("http")
    (n_candidates,) = query(app_database, "select count(*) from evidence_claim "
                                         "where status = 'candidate'")[0]
    assert n_candidates > hits
    blobs = [p for p in (Path(app_database["STATIONWATCH_DATA_DIR"]) / "evidence").rglob("*")
             if p.is_file()]
    assert len(blobs) == hits and all(os.stat(b).st_size > 0 for b in blobs)
