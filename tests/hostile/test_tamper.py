"""Tampering by someone who can write the database (and the evidence folder), as the attack
that found it did: `stationwatch verify` exits 1 naming what it found, and `restore` refuses a
backup whose manifest this installation did not sign.

The attacker knows the published chain algorithm (``stationwatch.auditchain``) and uses the
ORM through `stationwatch manage shell`; what they do not have is the audit key ring."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest

from stationwatch.auditchain import head_mac
from tests.cli.test_ingest import run
from tests.conftest import DEV_DOCS, own_database, query, subprocess_env

DOCS = DEV_DOCS

LIFT = """
from django.db import connection
with connection.cursor() as c:
    if connection.vendor == "sqlite":
        c.execute("DROP TRIGGER audit_event_no_update")
        c.execute("DROP TRIGGER audit_event_no_delete")
    else:
        c.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
"""
PUT_BACK = """
import importlib
triggers = importlib.import_module("stationwatch_web.audit.migrations.0002_append_only_triggers")
with connection.cursor() as c:
    if connection.vendor == "sqlite":
        for sql in triggers.SQLITE:
            c.execute(sql)
    else:
        c.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
"""


def shell(env, code: str) -> str:
    return run(env, "manage", "shell", "-c", code).stdout


def verify_problems(env) -> str:
    result = run(env, "verify", check=False)
    assert result.returncode == 1, result.stdout
    return result.stdout


@pytest.fixture(scope="module")
def logged_once(tmp_path_factory):
    """Four documents ingested and verified once; each test gets its own copy."""
    with own_database(subprocess_env(tmp_path_factory.mktemp("data"))) as env:
        run(env, "ingest", DOCS / "d000.txt", DOCS / "d002.txt", DOCS / "d004.txt",
            DOCS / "d006.txt")
        ok = run(env, "verify")
        assert "hash chain intact" in ok.stdout and ok.returncode == 0
        yield env


@pytest.fixture
def logged(logged_once, cli_env):
    with own_database(cli_env, template=logged_once) as env:
        yield env


def test_deleting_the_tail_of_the_log_is_found_against_the_checkpoint(logged):
    env = logged
    shell(env, LIFT + "from stationwatch_web.audit.models import AuditEvent\n"
          "top = AuditEvent.objects.order_by('-seq').values_list('pk', flat=True)[:2]\n"
          "AuditEvent.objects.filter(pk__in=list(top))._raw_delete('default')\n" + PUT_BACK)
    out = verify_problems(env)
    assert "the log ends at seq 2 but the head checkpoint records seq 4: the last 2 entries " \
           "were deleted" in out


def test_an_edited_and_rechained_log_is_found_by_its_keyed_entries(logged):
    env = logged
    shell(env, LIFT + """
from stationwatch.auditchain import entry_hash
from stationwatch_web.audit.models import AuditEvent
events = list(AuditEvent.objects.order_by("seq"))
prev = events[0].hash
for e in events[1:]:
    if e.seq == 2:
        e.detail = {**e.detail, "claims": 0}
    digest = entry_hash(prev, e.chain_fields())
    AuditEvent.objects.filter(pk=e.pk).update(detail=e.detail, prev_hash=prev, hash=digest)
    prev = digest
""" + PUT_BACK)
    out = verify_problems(env)
    assert "content does not match its hash" not in out  # the chain itself holds...
    assert "(seq 2): its MAC does not match (edited and re-chained" in out  # ...the MAC not


def test_a_swapped_blob_is_found_against_the_sources_audit_entry(logged):
    env = logged
    shell(env, """
from stationwatch_web.evidence.models import Source
from stationwatch_web.evidence.services import blob_store
sha, _ = blob_store().put(b"a different report altogether")
source = Source.objects.order_by("pk").first()
Source.objects.filter(pk=source.pk).update(sha256=sha, size=29)
print(source.pk, sha)
""")
    (pk,) = query(env, "select min(id) from evidence_source")[0]
    out = verify_problems(env)
    assert f"source {pk}: its blob" in out and "swapped" in out
    assert "checked 5 blobs and 4 stored sources: ok" in out  # the blobs themselves are fine


def test_a_dropped_or_disabled_trigger_is_found(logged):
    env = logged
    shell(env, LIFT)  # and never put back
    out = verify_problems(env)
    assert "append-only trigger(s)" in out and "dropped or disabled" in out


def test_verify_head_prints_the_checkpoint_to_write_down(logged):
    env = logged
    seq, digest = query(env, "select seq, hash from audit_auditevent order by seq desc")[0]
    out = run(env, "verify", "--head").stdout
    assert out.startswith(f"audit head: seq {seq} hash {digest} mac k")


def rewrite(archive: Path, out: Path, change) -> None:
    """A copy of the archive with members changed by ``change(name, bytes) -> bytes`` and the
    manifest's hashes recomputed, as a forger would."""
    with tarfile.open(archive, "r:gz") as src:
        members = {i.name: src.extractfile(i).read() for i in src if i.isfile()}
    manifest = json.loads(members.pop("manifest.json"))
    for name, data in list(members.items()):
        members[name] = change(name, data)
        if not name.startswith("evidence/"):
            manifest["files"][name] = hashlib.sha256(members[name]).hexdigest()
    manifest = change("manifest.json", manifest)
    with tarfile.open(out, "w:gz") as dst:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))


def edited_database(tmp_path: Path):
    def change(name, data):
        if name == "database.sqlite3":
            path = tmp_path / "db.sqlite3"
            path.write_bytes(data)
            conn = sqlite3.connect(path)
            conn.execute("DROP TRIGGER audit_event_no_update")
            conn.execute("UPDATE evidence_source SET title = 'planted'")
            conn.commit()
            conn.close()
            return path.read_bytes()
        if name == "manifest.json":
            data["created_at"] = "2020-01-01T00:00:00+00:00"
        return data
    return change


def test_a_forged_backup_is_refused_unless_forced_and_then_says_what_was_not_checked(
        logged, tmp_path):
    env = logged
    archive = tmp_path / "b.tar.gz"
    run(env, "backup", archive)
    forged = tmp_path / "forged.tar.gz"
    rewrite(archive, forged, edited_database(tmp_path))
    refused = run(env, "restore", forged, check=False)
    assert refused.returncode == 1
    assert "refused: its manifest's signature does not match: the archive was altered" \
        in refused.stderr

    unsigned = tmp_path / "unsigned.tar.gz"
    rewrite(archive, unsigned, lambda name, data: {k: v for k, v in data.items()
                                                   if k != "signature"}
            if name == "manifest.json" else data)
    refused = run(env, "restore", unsigned, check=False)
    assert refused.returncode == 1 and "its manifest is not signed" in refused.stderr

    forced = run(env, "restore", unsigned, "--force")
    assert "warning: restored without checking the archive's origin: its manifest is not " \
           "signed" in forced.stderr
    assert "hash chain intact" in run(env, "verify").stdout  # the genuine content, unchanged


def test_a_backup_of_another_installation_is_refused_without_its_key_ring(logged, tmp_path):
    env = logged
    archive = tmp_path / "b.tar.gz"
    run(env, "backup", archive)
    (Path(env["STATIONWATCH_DATA_DIR"]) / "audit-keys.json").unlink()
    refused = run(env, "restore", archive, check=False)
    assert refused.returncode == 1 and "does not hold" in refused.stderr


def test_after_a_key_rotation_old_and_new_entries_verify(logged):
    env = logged
    first = {m.split(":")[0] for (m,) in query(env, "select mac from audit_auditevent")}
    assert "now keyed with" in run(env, "audit-keys", "rotate").stdout
    run(env, "ingest", DOCS / "d008.txt")
    kids = {m.split(":")[0] for (m,) in query(env, "select mac from audit_auditevent")}
    assert len(first) == 1 and len(kids) == 2
    assert run(env, "verify").returncode == 0


def test_a_head_written_down_catches_a_rewrite_by_someone_with_the_key_ring(logged):
    env = logged
    seq, digest = query(env, "select seq, hash from audit_auditevent order by seq desc")[0]
    assert run(env, "verify", "--expect-head", f"{seq}:{digest}").returncode == 0
    rewrite_with_the_key_ring(env)
    assert run(env, "verify").returncode == 0  # the key ring alone no longer proves anything
    out = verify_problems_with(env, "--expect-head", f"{seq}:{digest}")
    assert f"entry seq {seq} differs from the expected head" in out


def rewrite_with_the_key_ring(env) -> None:
    """Someone holding the data directory too: rewrites the log and re-keys every entry."""
    keys = Path(env["STATIONWATCH_DATA_DIR"]) / "audit-keys.json"
    ring = json.loads(keys.read_text())
    shell(env, LIFT + f"""
import base64
from stationwatch.auditchain import entry_hash, entry_mac
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.audit.keys import head_write
kid = {ring["active"]!r}
key = base64.b64decode({ring["keys"][ring["active"]]!r})
prev = "0" * 64
for e in AuditEvent.objects.order_by("seq"):
    if e.seq == 1:
        e.detail = {{**e.detail, "claims": 99}}
    digest = entry_hash(prev, e.chain_fields())
    AuditEvent.objects.filter(pk=e.pk).update(detail=e.detail, prev_hash=prev, hash=digest,
                                              mac=entry_mac(kid, key, digest))
    prev = digest
head_write(e.seq, digest, force=True)
""" + PUT_BACK)


def test_a_release_pins_the_audit_head_and_a_rewrite_before_it_is_found(logged, tmp_path):
    env = logged
    seq, digest = query(env, "select seq, hash from audit_auditevent order by seq desc")[0]
    out = tmp_path / "release"
    run(env, "publish", out, "--languages", "en")
    pinned = json.loads((out / "release.json").read_text())["audit_head"]
    assert (pinned["seq"], pinned["hash"]) == (seq, digest) and pinned["mac"]
    assert "  release.json\n" in (out / "MANIFEST.sha256").read_text()  # hashed with the rest
    manifest = (out / "MANIFEST.sha256").read_bytes()
    # The same data again: the same bytes, the same pin.
    run(env, "publish", out, "--languages", "en")
    assert (out / "MANIFEST.sha256").read_bytes() == manifest
    assert run(env, "verify", "--expect-head", out).returncode == 0

    rewrite_with_the_key_ring(env)
    # The release the app keeps in its data directory catches it on every verify...
    assert f"entry seq {seq} differs from the head pinned by release 1" in verify_problems(env)
    # ...and a copy published elsewhere catches it when the kept one is rewritten too.
    kept = Path(env["STATIONWATCH_DATA_DIR"]) / "releases" / "1" / "release.json"
    info = json.loads(kept.read_text())
    ring = json.loads((Path(env["STATIONWATCH_DATA_DIR"]) / "audit-keys.json").read_text())
    new = query(env, f"select hash from audit_auditevent where seq = {seq}")[0][0]
    key = base64.b64decode(ring["keys"][ring["active"]])
    info["audit_head"] = {"seq": seq, "hash": new,
                          "mac": head_mac(ring["active"], key, seq, new)}
    kept.write_text(json.dumps(info))
    assert run(env, "verify").returncode == 0
    out_of_reach = verify_problems_with(env, "--expect-head", str(out))
    assert f"entry seq {seq} differs from the head pinned by {out}" in out_of_reach


def verify_problems_with(env, *args: str) -> str:
    result = run(env, "verify", *args, check=False)
    assert result.returncode == 1, result.stdout
    return result.stdout
