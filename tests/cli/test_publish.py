"""`stationwatch publish`, `verify-release` and `release-diff` as a user runs them."""

from __future__ import annotations

from tests.cli.test_ingest import run
from tests.conftest import query


def test_publish_verify_and_diff_two_releases(app_database, tmp_path):
    env = app_database
    run(env, "load-reference")
    first = run(env, "publish", str(tmp_path / "r1"))
    assert first.returncode == 0, first.stderr
    assert "release 1 of" in first.stdout and "106 stations" in first.stdout
    ok = run(env, "verify-release", str(tmp_path / "r1"))
    assert ok.returncode == 0 and ok.stdout.startswith("ok: ")

    again = run(env, "publish", str(tmp_path / "again"), "--languages", "en")
    assert "release 1 of" in again.stdout and "same data" in again.stdout

    url = env.get("DATABASE_URL")
    sql = "update atlas_station set published = false where key = 'ie-dublin'"
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql)
    else:
        import sqlite3
        from pathlib import Path

        with sqlite3.connect(Path(env["STATIONWATCH_DATA_DIR"]) / "stationwatch.sqlite3") as c:
            c.execute(sql)
    second = run(env, "publish", str(tmp_path / "r2"), "--release", "2026.2",
                 "--languages", "en")
    assert "release 2026.2 of" in second.stdout, second.stderr

    by_folder = run(env, "release-diff", str(tmp_path / "r1"), str(tmp_path / "r2"))
    by_version = run(env, "release-diff", "1", "2026.2")  # the copies kept in the data folder
    assert by_folder.stdout == by_version.stdout
    assert by_folder.stdout.splitlines() == ["- ie-dublin (Dublin, Ireland)",
                                             "0 added, 0 changed, 1 retracted"]
    assert query(env, "select version from publish_release order by id") == [("1",), ("2026.2",)]

    page = tmp_path / "r2" / "stations" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Stations", b"Stati0ns", 1))
    broken = run(env, "verify-release", str(tmp_path / "r2"), check=False)
    assert broken.returncode == 1
    assert "PROBLEM stations/index.html: SHA-256 differs" in broken.stdout

    nothing = run(env, "release-diff", "1", "no-such-release", check=False)
    assert nothing.returncode == 2 and "neither a release folder" in nothing.stderr
    conflict = run(env, "publish", str(tmp_path / "r3"), "--release", "1", "--languages", "en",
                   check=False)
    assert conflict.returncode == 1 and "release 1 was published" in conflict.stderr
    assert not (tmp_path / "r3").exists()
