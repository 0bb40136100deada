"""F2: the disk fills during an ingest (a file-size limit on the process, since CI runs as root
and permissions prove nothing): "storage full, nothing saved", the database intact, no blob
or temporary file left, and the same ingest succeeds once there is room."""

from __future__ import annotations

import resource
import signal
import subprocess

from tests.cli.test_ingest import blobs, run
from tests.conftest import query, stationwatch_command

DOC = ("An overseas police service station operated in Dublin, the report said. " * 4000)


def _small_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_f2_disk_full_saves_nothing_and_says_so(app_database, tmp_path):
    env = app_database
    run(env, "migrate")
    doc = tmp_path / "report.txt"
    doc.write_text(DOC)
    before = query(env, "select count(*) from evidence_source")
    full = subprocess.run([stationwatch_command(), "ingest", str(doc)], env=env,
                          capture_output=True, text=True, timeout=300, preexec_fn=_small_disk)
    assert full.returncode == 1
    assert "storage full" in full.stderr and "nothing saved" in full.stderr, full.stderr
    assert "Traceback" not in full.stderr
    assert query(env, "select count(*) from evidence_source") == before
    assert blobs(env) == []  # no blob, no half-written temporary file
    if not env.get("DATABASE_URL"):
        assert query(env, "pragma integrity_check") == [("ok",)]
    run(env, "ingest", str(doc))  # room again: the same ingest succeeds
    assert query(env, "select count(*) from evidence_source") == [(before[0][0] + 1,)]
    assert len(blobs(env)) == 1
