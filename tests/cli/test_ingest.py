"""`stationwatch ingest` and `stationwatch verify` as users run them, on a real database."""

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import DEV, query, stationwatch_command


def run(env, *args, check=True):
    result = subprocess.run([stationwatch_command(), *map(str, args)], env=env,
                            capture_output=True, text=True, timeout=600)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def blobs(env) -> list[Path]:
    root = Path(env["STATIONWATCH_DATA_DIR"]) / "evidence"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_ingest_twice_then_verify_and_tamper(app_database):
    first = run(app_database, "ingest", DEV / "docs", DEV / "dev.warc.gz", "--tag", "dev")
    # The WARC's payloads are the very bytes of the files: stored once.
    assert "stored 61 new sources" in first.stdout and "already had 61" in first.stdout
    again = run(app_database, "ingest", DEV / "docs")
    assert "stored 0 new sources with 0 candidate claims; already had 61" in again.stdout
    assert query(app_database, "select count(*) from evidence_source") == [(61,)]
    assert "checked 61 blobs and 61 stored sources: ok" in run(app_database, "verify").stdout

    victim = blobs(app_database)[3]
    os.chmod(victim, 0o644)
    data = bytearray(victim.read_bytes())
    data[10] ^= 0xFF
    victim.write_bytes(bytes(data))
    bad = run(app_database, "verify", check=False)
    assert bad.returncode == 1 and f"{victim}: bytes no longer match" in bad.stdout
    victim.unlink()
    gone = run(app_database, "verify", check=False)
    assert gone.returncode == 1 and f"source {victim.name}: its blob is missing" in gone.stdout


def test_a_file_of_its_own_data_directory_named_directly_is_refused_with_a_reason(
        app_database, tmp_path):
    own = Path(app_database["STATIONWATCH_DATA_DIR"]) / "notes.txt"
    run(app_database, "migrate")
    own.write_text("An overseas police service station operated in Dublin.")
    (tmp_path / "good.txt").write_text("An overseas police service station operated in Cork.")
    result = run(app_database, "ingest", own, tmp_path / "good.txt", check=False)
    assert result.returncode == 1 and "stored 1 new sources" in result.stdout
    assert f"{own}: inside stationwatch's own data directory; refused" in result.stdout


def test_a_bad_item_is_listed_and_the_rest_go_on(app_database, tmp_path):
    # The folder also holds stationwatch's own data directory: never ingested.
    assert Path(app_database["STATIONWATCH_DATA_DIR"]).parent == tmp_path
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("An overseas police service station operated in Dublin.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    run(app_database, "migrate")
    result = run(app_database, "ingest", tmp_path, check=False)
    assert result.returncode == 1
    assert "stored 1 new sources" in result.stdout and "skipped 1 files" in result.stdout
    assert f"{tmp_path / 'empty.txt'}: empty document" in result.stdout
    assert query(app_database, "select count(*) from audit_auditevent "
                               "where action = 'source.ingest_failed'") == [(1,)]


def test_sigkill_mid_ingest_loses_nothing_and_duplicates_nothing(app_database):
    run(app_database, "migrate")
    proc = subprocess.Popen([stationwatch_command(), "ingest", str(DEV / "docs")],
                            env=app_database, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while query(app_database, "select count(*) from evidence_source")[0][0] < 5:
        assert proc.poll() is None and time.monotonic() < deadline, "ingest ended too soon"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = query(app_database, "select count(*) from evidence_source")[0][0]
    assert 5 <= stored < 61
    result = run(app_database, "ingest", DEV / "docs")
    assert f"stored {61 - stored} new sources" in result.stdout
    assert f"already had {stored}" in result.stdout
    assert query(app_database, "select count(*) from evidence_source") == [(61,)]
    report = run(app_database, "verify").stdout
    assert "checked 61 blobs and 61 stored sources: ok" in report
    # No blob is half-written: a temp file of the killed write may remain, never under a
    # blob's name (every named blob re-hashed to its name above).
