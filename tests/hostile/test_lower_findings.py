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
    from stationwatch.extract import extract
    from stationwatch.ingest import load_path
    from tests.web.test_review import DOCS

    doc = next(load_path(DOCS / "d019.html"))
    from stationwatch_web.evidence.services import source_ingest_found

    source = source_ingest_found(payload=(DOCS / "d019.html").read_bytes() + uri.encode(),
                                 found=extract(doc).as_dict(), text=doc.text, title="",
                                 kind="warc", uri=uri, origin="hostile.warc").source
    claim = source.claims.first()
    pages = [analyst_client.get(f"/review/claims/{claim.pk}/").content.decode(),
             analyst_client.get("/search/", {"q": "Lagos"}).content.decode()]
    for page in pages:
        assert 'href="javascript:' not in page.lower().replace(" ", "")
        assert 'href="data:' not in page.lower()
