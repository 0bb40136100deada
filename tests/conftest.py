"""Test-wide setup: a private data directory, and the database chosen by DATABASE_URL.

Without DATABASE_URL the suite runs on SQLite; CI runs it a second time with
DATABASE_URL pointing at the PostgreSQL server.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Everything the tests read is inside the repository (a fresh clone runs the suite with nothing
# beside it); `make corpus` refreshes these copies from ../shared and checks their digests.
REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "eval" / "corpus"
DEV = CORPUS / "dev"  # the annotated dev corpus: docs/, gold.jsonl, dev.warc.gz
DEV_DOCS = DEV / "docs"
CASES = REPO / "tests" / "data" / "cases"  # the handed failing inputs
THREATS = REPO / "docs" / "threats.md"  # the project's threat list (rows A1..G4)


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues() -> None:
    """The interface's .mo files are built at install; a checkout that skipped it (or whose
    .po files changed since) gets them here, before any page or served atlas renders."""
    from stationwatch_web.catalogues import compile_catalogues

    compile_catalogues()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def cli_env(data_dir: Path) -> dict[str, str]:
    """Environment for running the installed `stationwatch` command in a subprocess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STATIONWATCH_")}
    env["STATIONWATCH_DATA_DIR"] = str(data_dir)
    env["STATIONWATCH_CACHE_DIR"] = os.environ["STATIONWATCH_CACHE_DIR"]
    env["STATIONWATCH_REQUIRE_MFA"] = os.environ["STATIONWATCH_REQUIRE_MFA"]
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


@pytest.fixture
def app_database(cli_env: dict[str, str]):
    """A database of its own for a `stationwatch` subprocess.

    On SQLite: the data directory's file. With DATABASE_URL set (the PostgreSQL run): a fresh
    database on that server, dropped afterwards, so subprocesses never touch the test database.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        yield cli_env
        return
    import uuid

    import psycopg

    name = f"sw_sub_{uuid.uuid4().hex[:12]}"
    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**cli_env, "DATABASE_URL": f"{base}/{name}"}
    try:
        yield env
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def stationwatch_command() -> str:
    """The installed console script of the interpreter running the tests."""
    import sys

    return str(Path(sys.executable).with_name("stationwatch"))


def query(env: dict[str, str], sql: str) -> list[tuple]:
    """Rows from the database a `stationwatch` subprocess with ``env`` uses."""
    url = env.get("DATABASE_URL")
    if url:
        import psycopg

        with psycopg.connect(url) as conn:
            return conn.execute(sql).fetchall()
    import sqlite3

    conn = sqlite3.connect(Path(env["STATIONWATCH_DATA_DIR"]) / "stationwatch.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
