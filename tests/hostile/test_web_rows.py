"""Rows of SECURITY.md sections D, E, F and G exercised against the real app and commands."""

from __future__ import annotations

import gzip
import subprocess
import tarfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.test import Client

from tests.cli.test_ingest import run
from tests.conftest import DEV_DOCS, query, stationwatch_command

DOCS = DEV_DOCS


@pytest.mark.django_db
def test_d8_a_cross_site_post_without_csrf_token_is_refused(django_user_model):
    client = Client(enforce_csrf_checks=True)
    user = django_user_model.objects.create_superuser("a", password="q" * 16)
    client.force_login(user)
    assert client.post("/ingest/capture/", {"urls": "https://example.org/"}).status_code == 403
    assert client.post("/accounts/login/", {"login": "a", "password": "q" * 16}
                       ).status_code == 403  # login CSRF


@pytest.mark.django_db
def test_d9_foreign_hosts_and_open_redirects_are_refused(django_user_model):
    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400
    django_user_model.objects.create_user("b", password="r" * 16)
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = Client().post("/accounts/login/", {"login": "b", "password": "r" * 16,
                                                      "next": target})
        assert response.status_code == 302
        assert "evil.example" not in response["Location"]


@pytest.mark.django_db
def test_e3_an_error_page_shows_nothing_of_the_server(settings, client, monkeypatch):
    from stationwatch_web.atlas import selectors

    def boom(*args, **kwargs):
        raise RuntimeError("SELECT secret FROM evidence_source /srv/stationwatch")

    monkeypatch.setattr(selectors, "atlas_summary", boom)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "secret" not in body and "/srv" not in body and "Traceback" not in body


def test_f9_twenty_concurrent_writers_never_fork_the_audit_chain(app_database):
    env = app_database
    run(env, "migrate")
    docs = sorted(DOCS.glob("d0[0-1]*"))[:20]

    def ingest(doc: Path) -> int:
        return subprocess.run([stationwatch_command(), "ingest", str(doc)], env=env,
                              capture_output=True, timeout=300).returncode

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(ingest, docs))
    assert codes == [0] * len(docs)
    seqs = [s for (s,) in query(env, "select seq from audit_auditevent order by seq")]
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= len(docs)
    assert "hash chain intact" in run(env, "verify").stdout


def test_g3_no_canary_in_the_database_file_its_wal_or_a_backup(app_database, tmp_path):
    env = app_database
    if env.get("DATABASE_URL"):
        pytest.skip("a file-level check of the SQLite database")
    run(env, "case-keys", "init")
    canary = "CANARY-G3-7f1c2d"
    subprocess.run([stationwatch_command(), "manage", "shell", "--no-imports", "-c",
                    "from stationwatch_web.cases.models import Case\n"
                    "from stationwatch_web.cases.services import case_save\n"
                    f"case_save(Case(code='C-1', country='NL'), subject='{canary}', "
                    f"narrative='{canary} story')"],
                   env=env, check=True, capture_output=True, timeout=120)
    data_dir = Path(env["STATIONWATCH_DATA_DIR"])
    for f in data_dir.glob("stationwatch.sqlite3*"):
        assert canary.encode() not in f.read_bytes(), f
    archive = tmp_path / "b.tar.gz"
    run(env, "backup", archive)
    with tarfile.open(archive, "r:gz") as tar:
        for info in tar:
            fh = tar.extractfile(info)
            assert fh is None or canary.encode() not in fh.read(), info.name
    assert canary.encode() not in gzip.decompress(archive.read_bytes())
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
    assert "case-keys.json" not in names and "secret_key" not in names
