"""The lower findings of issue 16, each from the attack side."""

from __future__ import annotations

import pytest

from stationwatch.capture.client import CaptureError, FetchPolicy, fetch_inline


@pytest.mark.parametrize("url, inner", [
    ("http://[::127.0.0.1]/", "127.0.0.1"),            # IPv4-compatible (deprecated)
    ("http://[::ffff:0:127.0.0.1]/", "127.0.0.1"),     # IPv4-translated (SIIT)
    ("http://[::169.254.169.254]/", "169.254.169.254"),
    ("http://[::ffff:0:10.0.0.5]/", "10.0.0.5"),
])
def test_ipv4_compatible_and_translated_wrappers_are_refused(url, inner):
    """Only the kernel's routing stopped these before: the address check let them pass."""
    for policy in (FetchPolicy(), FetchPolicy(allow_loopback=True)):
        with pytest.raises(CaptureError) as info:
            fetch_inline(url, policy)
        assert info.value.reason.startswith("destination not allowed (IPv4 address wrapped in "
                                            "IPv6"), info.value.reason
        assert inner in info.value.reason


@pytest.fixture
def analyst_client(db, django_user_model):
    from django.contrib.auth.models import Group
    from django.test import Client

    from stationwatch_web.access import ensure_roles

    ensure_roles()
    user = django_user_model.objects.create_user("ana", password="x" * 16)
    user.groups.add(Group.objects.get(name="analyst"))
    client = Client()
    client.force_login(user)
    return client


def test_private_pages_are_never_stored_by_a_cache(analyst_client, client):
    for path in ("/review/", "/search/?q=police", "/ingest/", "/"):
        assert "no-store" in analyst_client.get(path).get("Cache-Control", ""), path
    assert "no-store" in client.get("/accounts/login/").get("Cache-Control", "")
    assert "no-store" not in client.get("/").get("Cache-Control", "")  # the public atlas


@pytest.mark.parametrize("uri", ["javascript:alert(document.domain)",
                                 "data:text/html,<script>alert(1)</script>",
                                 " JaVaScRiPt:alert(1)"])
def test_script_and_data_uris_of_stored_records_are_never_links(analyst_client, uri):
    from stationwatch.ingest import load_path
    from tests.web.test_review import DOCS

    doc = next(load_path(DOCS / "d019.html"))
    from tests.web.stored import store_document

    doc.title = ""
    source = store_document(doc, payload=(DOCS / "d019.html").read_bytes() + uri.encode(),
                            kind="warc", uri=uri, origin="hostile.warc").source
    claim = source.claims.first()
    pages = [analyst_client.get(f"/review/claims/{claim.pk}/").content.decode(),
             analyst_client.get("/search/", {"q": "Lagos"}).content.decode()]
    for page in pages:
        assert 'href="javascript:' not in page.lower().replace(" ", "")
        assert 'href="data:' not in page.lower()


def test_response_headers_count_toward_the_capture_size_cap(httpserver_ipv4):
    """Eighty 60 KB header lines and an empty body: 4.8 MB kept with a capture before."""
    from dataclasses import replace

    server = httpserver_ipv4
    headers = {f"X-Pad-{i}": "a" * 60_000 for i in range(80)}
    server.expect_request("/").respond_with_data("", headers=headers,
                                                 content_type="text/html")
    base = FetchPolicy(allow_loopback=True, deadline=10.0, max_bytes=1_000_000)
    policy = replace(base, ports=base.ports | {server.port})
    with pytest.raises(CaptureError) as info:
        fetch_inline(server.url_for("/"), policy)
    assert info.value.reason.startswith("too large:") and "response headers" in info.value.reason


def test_verify_removes_temporary_files_of_killed_writes(db, tmp_path, settings):
    import os
    import time

    from stationwatch_web.evidence.services import blob_store
    from stationwatch_web.evidence.verify import evidence_verify

    store = blob_store()
    sha, _ = store.put(b"a kept blob for the leftover test")
    folder = store.path_for(sha).parent
    old, young = folder / ".tmp-killed", folder / ".tmp-running"
    old.write_bytes(b"partial")
    young.write_bytes(b"partial")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    report = evidence_verify()
    assert not old.exists() and young.exists()  # a write still running is never touched
    assert any("removed, a temporary file of a write killed" in n for n in report.notes)
    young.unlink()
