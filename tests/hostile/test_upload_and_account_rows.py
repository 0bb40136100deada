"""SECURITY.md rows at the web app's doors: uploads (C4, C5, C7, C8, C9), what a page prints
of hostile text (B3, B4, B7), mass assignment (D5) and ended accounts (D7)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from stationwatch.ingest import load_bytes
from stationwatch_web.evidence.models import Claim, IngestJob, Source
from stationwatch_web.evidence.tasks import upload_dir

pytestmark = pytest.mark.django_db
PNG_BOMB_HEADER = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (50_000).to_bytes(4, "big") * 2
                   + b"\x08\x02\x00\x00\x00" + b"\x00" * 2000)


@pytest.fixture
def analyst(client, django_user_model):
    user = django_user_model.objects.create_superuser("up", password="a long passphrase 9")
    client.force_login(user)
    return user


def test_c4_c5_images_and_archives_are_refused_as_binary_never_opened():
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        for i in range(200):
            z.writestr(f"../../etc/x{i}", b"0" * 10_000)
    for name, data in (("bomb.png", PNG_BOMB_HEADER), ("nested.zip", zipped.getvalue())):
        doc = load_bytes(data, path=name, name=name)
        assert doc.errors and doc.errors[0].startswith("binary data, not text"), name


def test_c7_a_pdf_name_on_html_with_script_is_read_as_the_html_it_is_and_never_run():
    html = (b"<html><body><script>alert(document.cookie)</script><p>An overseas police "
            b"station in Prato was reported by the newspaper.</p></body></html>")
    doc = load_bytes(html, path="report.pdf", name="report.pdf")
    assert doc.media_type == "text/html" and "alert" not in doc.text and "Prato" in doc.text


def test_c8_too_big_or_too_many_uploads_are_clean_400s_and_nothing_is_kept(
        client, analyst, settings):
    settings.SW = replace(settings.SW, upload_max_mb=1)
    big = SimpleUploadedFile("big.txt", b"a" * (2 * 1024 * 1024))
    assert client.post(reverse("ingest-upload"), {"files": [big]}).status_code == 400
    many = [SimpleUploadedFile(f"f{i}.txt", b"x") for i in range(501)]
    assert client.post(reverse("ingest-upload"), {"files": many}).status_code == 400
    fields = {f"f{i}": "x" for i in range(1001)}
    assert client.post(reverse("ingest-upload"), fields).status_code == 400
    assert not IngestJob.objects.exists()


def test_c9_hostile_file_names_are_stored_under_safe_names(client, analyst):
    names = ["../../x.txt", "/etc/passwd", "con.txt", "a\x01b\u202etxt.exe", "n" * 300 + ".txt",
             "cafe\u0301.txt"]
    files = [SimpleUploadedFile(n, b"An overseas police station in Dublin.") for n in names]
    assert client.post(reverse("ingest-upload"), {"files": files}).status_code == 302
    job = IngestJob.objects.get()
    folder = upload_dir(job)
    for item in job.items:
        assert "/" not in item and "\\" not in item and item != ".."
        assert item.isprintable() and len(item) <= 255
        assert (folder / item).resolve().parent == folder.resolve()


def test_b1_b4_b7_hostile_text_is_printed_escaped_and_captured_html_never_served(
        client, analyst):
    hostile = ('<script>alert(1)</script><img src="https://tracker.example/p.gif">'
               '<a href="javascript:alert(2)">x</a>')
    source = Source.objects.create(kind="feed_item", sha256="ab" * 32, title=hostile,
                                   text=f"{hostile} An overseas police station in Prato.")
    claim = Claim.objects.create(source=source, kind="station", value={"country": "IT"},
                                 evidence=[{"start": 0, "end": 10, "quote": hostile[:10]}])
    for url in (reverse("review-claim", args=[claim.pk]),):
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page and "tracker.example/p.gif\"" not in page
        assert 'href="javascript:' not in page
        assert "&lt;script&gt;" in page
    # No route serves stored bytes: captured HTML is never rendered on the app's origin.
    from django.urls import get_resolver

    routes = {str(p.pattern) for p in get_resolver().url_patterns}
    assert not any("blob" in r or "evidence/" in r or "raw" in r for r in routes)


def test_d5_mass_assigned_fields_are_ignored(client, analyst, django_user_model):
    source = Source.objects.create(kind="file", sha256="cd" * 32, text="x")
    claim = Claim.objects.create(source=source, kind="station",
                                 value={"country": "IT", "city": "Prato"})
    other = django_user_model.objects.create_user("someone")
    client.post(reverse("review-claim", args=[claim.pk]), {
        "decision": "reject", "credibility": 6, "reliability": "F", "status": "accepted",
        "country": "IT", "city": "Prato", "reviewer": other.pk, "proposed_by": other.pk,
        "machine_value": "{}", "key": "x"})
    claim.refresh_from_db()
    assert claim.status == "rejected" and claim.reviewer == analyst
    assert claim.proposed_by is None and claim.key is None and claim.machine_value is None


def test_d7_a_disabled_account_is_signed_out_everywhere_at_once(django_user_model):
    user = django_user_model.objects.create_superuser("leaving", password="a long passphrase 8")
    sessions = [Client(), Client()]
    for c in sessions:
        c.force_login(user)
        assert c.get(reverse("review-queue")).status_code == 200
    user.is_active = False
    user.save()
    for c in sessions:
        assert c.get(reverse("review-queue")).status_code == 302


def test_f4_a_database_locked_by_another_writer_is_a_503_busy_retry(client, monkeypatch):
    from django.db import OperationalError

    from stationwatch_web.atlas import selectors

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(selectors, "atlas_summary", locked)
    response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "busy" in response.content.decode()


def test_c3_a_pdf_with_javascript_and_an_embedded_file_is_read_flagged_and_nothing_run(
        tmp_path):
    from stationwatch_web.evidence.ingest import ingest_paths
    from tests.data.pdfs import make_active_pdf

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_active_pdf("An overseas police station in Prato was reported."))
    doc = load_bytes(pdf.read_bytes(), path=str(pdf))
    assert doc.flags == ["pdf:embedded-files", "pdf:javascript"] and "Prato" in doc.text
    assert not [p for p in tmp_path.iterdir() if p.name != "report.pdf"]  # nothing extracted
    report = ingest_paths([str(pdf)], tags=("batch",))
    assert report.created == 1
    assert Source.objects.get().tags == ["batch", "pdf:embedded-files", "pdf:javascript"]
