"""The planner has statistics: after migrate, and after a connection that used a grown table."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.conftest import stationwatch_command


def _stat_tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        try:
            return {r[0] for r in con.execute("SELECT tbl FROM sqlite_stat1")}
        except sqlite3.OperationalError:  # no sqlite_stat1: never analysed
            return set()


@pytest.fixture
def sqlite_env(cli_env):
    """The command on SQLite even in the PostgreSQL run: these are SQLite's statistics."""
    return {k: v for k, v in cli_env.items() if k != "DATABASE_URL"}


def test_migrate_leaves_statistics_for_the_atlas_tables(sqlite_env):
    result = subprocess.run([stationwatch_command(), "migrate"], env=sqlite_env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    db = Path(sqlite_env["STATIONWATCH_DATA_DIR"]) / "stationwatch.sqlite3"
    # Every table with rows after migrating has statistics (the atlas's are still empty).
    assert {"django_migrations", "auth_permission", "django_content_type"} <= _stat_tables(db)


@pytest.mark.django_db
def test_loading_the_reference_data_refreshes_the_statistics_on_either_engine(reference_data):
    from django.db import connection

    from stationwatch_web.atlas.services import reference_load

    reference_load(data=reference_data)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'atlas_station'")
        else:
            # reltuples is -1 until the table is first analysed (PostgreSQL 14+).
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'atlas_station'")
        assert cursor.fetchone()[0] >= 1


def test_a_closing_connection_analyses_a_table_that_grew_unanalysed(tmp_path,
                                                                   django_db_blocker):
    from stationwatch_web.db.sqlite3.base import ANALYSIS_LIMIT

    db = tmp_path / "grown.sqlite3"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE claim (id INTEGER PRIMARY KEY, station INTEGER, status TEXT)")
        con.execute("CREATE INDEX claim_station ON claim (station)")
        con.executemany("INSERT INTO claim (station, status) VALUES (?, ?)",
                        ((i % 500, "accepted") for i in range(20_000)))
    assert _stat_tables(db) == set()
    from django.db import connections

    from stationwatch_web.db.sqlite3.base import DatabaseWrapper

    wrapper = DatabaseWrapper({**connections["default"].settings_dict, "NAME": str(db),
                               "OPTIONS": {}}, alias="grown")
    with django_db_blocker.unblock():  # a connection of its own, to its own file
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM claim WHERE station = 7")
        wrapper.close()
    assert "claim" in _stat_tables(db)
    assert ANALYSIS_LIMIT > 0
