"""A seized laptop or backup drive: nothing in the database, its files or a backup is a
credential, and none of it is readable by other users of the machine.

Attack as found: sign in, take `stationwatch backup` (or copy the database), read
``django_session`` from the copy and send each key as the session cookie."""

from __future__ import annotations

import re
import sqlite3
import stat
import subprocess
import tarfile
import time
from pathlib import Path

import pytest
import requests

from tests.browser.conftest import free_port
from tests.cli.test_ingest import run
from tests.conftest import DEV_DOCS, query, stationwatch_command

PASSWORD = "correct horse battery staple"
DOC = DEV_DOCS / "d000.txt"


@pytest.fixture
def server(app_database):
    env = {**app_database, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    run(env, "migrate")
    run(env, "manage", "createsuperuser", "--noinput", "--username", "root",
        "--email", "root@example.org")
    port = free_port()
    proc = subprocess.Popen([stationwatch_command(), "serve", "--port", str(port),
                             "--no-reference", "--no-worker"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            requests.get(url + "/", timeout=10)
            break
        except requests.RequestException:  # not listening yet, or slow on a loaded machine
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"serve did not start: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.3)
    try:
        yield env, url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if proc.stderr is not None:
            proc.stderr.close()


def sign_in(url: str) -> requests.Session:
    s = requests.Session()
    page = s.get(url + "/accounts/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    s.post(url + "/accounts/login/", data={"login": "root", "password": PASSWORD,
                                           "csrfmiddlewaretoken": token.group(1)},
           headers={"Referer": url + "/accounts/login/"}, timeout=10)
    return s


def opens_admin(url: str, cookie: str) -> bool:
    r = requests.get(url + "/admin/", cookies={"sessionid": cookie}, allow_redirects=False,
                     timeout=10)
    return r.status_code == 200


def session_keys_in_copy(env, archive: Path, tmp_path: Path) -> list[str]:
    """Keys of django_session as the backup holds them (SQLite), or as a copy of the
    database holds them (PostgreSQL: the dump is the same table)."""
    if env.get("DATABASE_URL"):
        return [r[0] for r in query(env, "select session_key from django_session")]
    with tarfile.open(archive, "r:gz") as tar:
        tar.extract("database.sqlite3", tmp_path, filter="data")
    conn = sqlite3.connect(tmp_path / "database.sqlite3")
    try:
        return [r[0] for r in conn.execute("select session_key from django_session")]
    finally:
        conn.close()


def test_a_backup_or_a_copy_of_the_database_opens_no_session(server, tmp_path):
    env, url = server
    browser = sign_in(url)
    cookie = browser.cookies.get("sessionid")
    assert cookie and opens_admin(url, cookie)  # the real cookie works

    archive = tmp_path / "backup.tar.gz"
    run(env, "backup", archive)
    stolen = session_keys_in_copy(env, archive, tmp_path)
    assert stolen, "the session is stored"
    assert cookie not in stolen
    for key in stolen:
        assert not opens_admin(url, key)
    # Nor anywhere in the archive's bytes (the database file, as a whole).
    with tarfile.open(archive, "r:gz") as tar:
        for info in tar:
            fh = tar.extractfile(info)
            assert fh is None or cookie.encode() not in fh.read(), info.name
    assert opens_admin(url, cookie)  # and the owner's session goes on


def test_the_data_directory_and_backups_are_the_owners_alone(app_database, tmp_path):
    env = app_database
    data = Path(env["STATIONWATCH_DATA_DIR"])
    data.rmdir()  # the app creates it
    run(env, "ingest", DOC)
    archive = tmp_path / "b.tar.gz"
    run(env, "backup", archive)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert not mode & 0o077, f"{path} is {oct(mode)}"

    # A directory others can read (an older install, a copy) is reported at start.
    data.chmod(0o755)
    warned = run(env, "verify").stderr
    assert "warning: other users of this machine may read the data directory" in warned
    assert f"chmod -R go-rwx {data}" in warned
