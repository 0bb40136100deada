"""Tampering with the audit log directly in the database (triggers lifted, as an attacker with
database access would) makes `stationwatch verify` fail and name the entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_ingest import run
from tests.conftest import DEV_DOCS, own_database, query, subprocess_env

DOCS = DEV_DOCS


def execute(env: dict[str, str], *statements: str) -> None:
    """Run SQL on the subprocess's database with the append-only triggers switched off."""
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url) as conn:
            conn.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
            for sql in statements:
                conn.execute(sql)
            conn.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
        return
    import sqlite3

    conn = sqlite3.connect(Path(env["STATIONWATCH_DATA_DIR"]) / "stationwatch.sqlite3")
    try:
        conn.execute("DROP TRIGGER audit_event_no_update")
        conn.execute("DROP TRIGGER audit_event_no_delete")
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def logged_once(tmp_path_factory):
    """Four documents ingested and verified once; each test gets its own copy."""
    with own_database(subprocess_env(tmp_path_factory.mktemp("data"))) as env:
        run(env, "ingest", DOCS / "d000.txt", DOCS / "d002.txt", DOCS / "d004.txt",
            DOCS / "d006.txt")
        ok = run(env, "verify").stdout
        assert "audit log: 4 entries, hash chain intact" in ok
        yield env


@pytest.fixture
def logged(logged_once, cli_env):
    with own_database(cli_env, template=logged_once) as env:
        ids = [i for (i,) in query(env, "select id from audit_auditevent order by id")]
        yield env, ids


def broken(env) -> str:
    result = run(env, "verify", check=False)
    assert result.returncode == 1
    return next(line for line in result.stdout.splitlines() if line.startswith("audit log"))


def test_an_edited_entry_is_named(logged):
    env, ids = logged
    execute(env, f"update audit_auditevent set action = 'source.delete' where id = {ids[2]}")
    assert f"entry id {ids[2]} (seq 3): content does not match its hash" in broken(env)


def test_a_deleted_entry_is_found(logged):
    env, ids = logged
    execute(env, f"delete from audit_auditevent where id = {ids[1]}")
    assert f"entry id {ids[2]} (seq 3): expected seq 2" in broken(env)


def test_reordered_entries_are_found(logged):
    env, ids = logged
    a, b = ids[1], ids[2]
    execute(env, f"update audit_auditevent set seq = -1 where id = {a}",
            f"update audit_auditevent set seq = 2 where id = {b}",
            f"update audit_auditevent set seq = 3 where id = {a}")
    assert f"entry id {a} (seq 3)" in broken(env) or f"entry id {b} (seq 2)" in broken(env)


def test_the_database_still_refuses_changes_through_its_triggers(logged):
    env, ids = logged
    import sqlite3

    if env.get("DATABASE_URL"):
        import psycopg

        with pytest.raises(psycopg.errors.RaiseException), \
                psycopg.connect(env["DATABASE_URL"]) as conn:
            conn.execute(f"delete from audit_auditevent where id = {ids[0]}")
        return
    conn = sqlite3.connect(Path(env["STATIONWATCH_DATA_DIR"]) / "stationwatch.sqlite3")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(f"delete from audit_auditevent where id = {ids[0]}")
    conn.close()
