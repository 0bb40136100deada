"""Test-wide setup: a private data directory, and the database chosen by DATABASE_URL.

Without DATABASE_URL the suite runs on SQLite; CI runs it a second time with
DATABASE_URL pointing at the PostgreSQL server.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
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


@cache
def bundled_counts() -> dict[str, int]:
    """What the bundled reference edition holds: stations, countries (the EU is not one) and
    Italy's stations; the pages' figures are checked against these, not against numbers
    written into tests, so a new edition changes no test."""
    from stationwatch.places.reference import load_reference

    stations = load_reference().stations
    return {"stations": len(stations),
            "countries": len({s.country for s in stations} - {"EU"}),
            "IT": sum(1 for s in stations if s.country == "IT")}


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues() -> None:
    """The interface's .mo files are built at install; a checkout that skipped it (or whose
    .po files changed since) gets them here, before any page or served atlas renders."""
    from stationwatch_web.catalogues import compile_catalogues

    compile_catalogues()


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A page requested in another language leaves that language active in the thread (the
    locale middleware activates it and nothing resets it), and ``reverse`` then gives that
    language's addresses to the next test: each test ends back in the default language."""
    yield
    if "django.utils.translation" in sys.modules:
        from django.utils import translation

        translation.deactivate()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


def subprocess_env(data_dir: Path) -> dict[str, str]:
    """Environment for running the installed `stationwatch` command on ``data_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("STATIONWATCH_")}
    env["STATIONWATCH_DATA_DIR"] = str(data_dir)
    env["STATIONWATCH_CACHE_DIR"] = os.environ["STATIONWATCH_CACHE_DIR"]
    env["STATIONWATCH_REQUIRE_MFA"] = os.environ["STATIONWATCH_REQUIRE_MFA"]
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


@pytest.fixture
def cli_env(data_dir: Path) -> dict[str, str]:
    """Environment for running the installed `stationwatch` command in a subprocess."""
    return subprocess_env(data_dir)


@contextmanager
def own_database(env: dict[str, str], template: dict[str, str] | None = None
                 ) -> Iterator[dict[str, str]]:
    """``env`` with a database of its own: on SQLite the data directory's file; with
    DATABASE_URL set (the PostgreSQL run) a fresh database on that server, dropped afterwards.
    With ``template`` (an env given by this function), a copy of its data directory and
    database: a state built once per module serves each test as its own."""
    if template is not None:
        shutil.copytree(template["STATIONWATCH_DATA_DIR"], env["STATIONWATCH_DATA_DIR"],
                        dirs_exist_ok=True)
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        yield env
        return
    import uuid

    import psycopg

    name = f"sw_sub_{uuid.uuid4().hex[:12]}"
    base, _, _ = url.rpartition("/")
    copy = f' TEMPLATE "{template["DATABASE_URL"].rpartition("/")[2]}"' if template else ""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield {**env, "DATABASE_URL": f"{base}/{name}"}
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def app_database(cli_env: dict[str, str]):
    """A database of its own for a `stationwatch` subprocess (see ``own_database``)."""
    with own_database(cli_env) as env:
        yield env


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
