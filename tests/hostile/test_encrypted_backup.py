"""A backup drive taken: an archive written with `backup --encrypt` opens nothing without its
passphrase, and a wrong passphrase or a damaged archive restores nothing.

Attack: read the archive as a thief would (tar, gzip, SQLite header, the evidence's words),
then restore it with a wrong passphrase, without one, and cut short."""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.cli.test_backup import snapshot, wipe
from tests.cli.test_ingest import blobs, run
from tests.conftest import DEV_DOCS, stationwatch_command

PASSPHRASE = "seven quiet herons cross the weir"
DOCS = (DEV_DOCS / "d000.txt", DEV_DOCS / "d027.txt")


def with_passphrase(env: dict[str, str], passphrase: str | None) -> dict[str, str]:
    env = {k: v for k, v in env.items() if k != "STATIONWATCH_BACKUP_PASSPHRASE"}
    return env if passphrase is None else {**env, "STATIONWATCH_BACKUP_PASSPHRASE": passphrase}


@pytest.fixture
def encrypted(app_database, tmp_path):
    env = app_database
    run(env, "ingest", *DOCS)
    archive = tmp_path / "backup.tar.gz.enc"
    out = run(with_passphrase(env, PASSPHRASE), "backup", "--encrypt", archive).stdout
    assert "encrypted, verified" in out
    return env, archive


def test_an_encrypted_backup_opens_nothing_without_its_passphrase(encrypted, tmp_path):
    env, archive = encrypted
    body = archive.read_bytes()
    # Nothing a thief could read: no gzip or tar stream, no database, no manifest, no evidence.
    assert not body.startswith(b"\x1f\x8b") and not tarfile.is_tarfile(archive)
    for clear in (b"SQLite format 3", b"PGDMP", b"manifest.json", b"audit_head",
                  *(doc.read_bytes()[:40] for doc in DOCS)):
        assert clear not in body
    # No unencrypted copy was left beside the archive, even for a moment's leftovers.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == [archive.name]

    before = snapshot(env)
    wrong = run(with_passphrase(env, "seven quiet herons cross the wear"), "restore", "--force",
                archive, check=False)
    assert wrong.returncode == 1 and "the passphrase does not open it" in wrong.stderr
    assert snapshot(env) == before

    missing = subprocess.run([stationwatch_command(), "restore", "--force", str(archive)],
                             env=with_passphrase(env, None), input="", capture_output=True,
                             text=True, timeout=600)
    assert missing.returncode == 1 and "no passphrase given" in missing.stderr
    assert snapshot(env) == before


def test_an_encrypted_backup_restores_exactly_with_its_passphrase_typed_or_set(encrypted):
    env, archive = encrypted
    before = snapshot(env)
    wipe(env)
    assert blobs(env) == []
    typed = subprocess.run([stationwatch_command(), "restore", str(archive)],
                           env=with_passphrase(env, None), input=PASSPHRASE + "\n",
                           capture_output=True, text=True, timeout=600)
    assert typed.returncode == 0, typed.stderr
    assert snapshot(env) == before
    assert "hash chain intact" in run(env, "verify").stdout

    wipe(env)
    run(with_passphrase(env, PASSPHRASE), "restore", archive)
    assert snapshot(env) == before


def test_a_cut_or_altered_encrypted_backup_restores_nothing(encrypted, tmp_path):
    env, archive = encrypted
    before = snapshot(env)
    body = archive.read_bytes()
    cut = tmp_path / "cut.enc"
    cut.write_bytes(body[:-100])
    flipped = tmp_path / "flipped.enc"
    flipped.write_bytes(body[:200] + bytes([body[200] ^ 1]) + body[201:])
    for bad, message in ((cut, "cut short or altered"), (flipped, "altered")):
        result = run(with_passphrase(env, PASSPHRASE), "restore", "--force", bad, check=False)
        assert result.returncode == 1 and message in result.stderr, result.stderr
        assert snapshot(env) == before


def test_a_short_passphrase_is_refused_and_no_archive_is_written(app_database, tmp_path):
    archive = tmp_path / "b.tar.gz.enc"
    result = run(with_passphrase(app_database, "too short"), "backup", "--encrypt", archive,
                 check=False)
    assert result.returncode == 1 and "use at least 12" in result.stderr
    assert not archive.exists() and not Path(f"{archive}.part").exists()
