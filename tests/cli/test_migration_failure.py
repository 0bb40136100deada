"""F10: a migration that fails is rolled back, and the app refuses to start on the partial
schema with a message that says so (no traceback, nothing served)."""

from __future__ import annotations

import os

from tests.cli.test_ingest import run
from tests.conftest import query


def execute(env, sql: str) -> None:
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql)
    else:
        import sqlite3

        with sqlite3.connect(os.path.join(env["STATIONWATCH_DATA_DIR"],
                                          "stationwatch.sqlite3")) as conn:
            conn.execute(sql)


def test_f10_a_failed_migration_is_rolled_back_and_nothing_starts(app_database):
    env = app_database
    run(env, "load-reference")
    run(env, "manage", "migrate", "publish", "zero")
    # Something else already holds the name the next migration creates: it fails half-way.
    execute(env, "CREATE TABLE publish_release (id integer)")
    served = run(env, "serve", "--port", "0", check=False)
    assert served.returncode == 1
    assert "schema could not be brought up to date" in served.stderr
    assert "rolled back" in served.stderr and "Traceback" not in served.stderr
    assert query(env, "select count(*) from django_migrations where app = 'publish'") == [(0,)]
    assert query(env, "select count(*) from atlas_station") == [(106,)]  # the rest untouched
    execute(env, "DROP TABLE publish_release")
    assert "database ready" in run(env, "migrate").stdout
