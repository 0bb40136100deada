"""Ingest pages and background jobs: forms enqueue, the database worker runs, counters show."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from stationwatch_web.evidence.models import Claim, IngestJob, Source
from stationwatch_web.evidence.tasks import upload_dir
from tests.conftest import DEV_DOCS

pytestmark = pytest.mark.django_db
DOCS = DEV_DOCS


@pytest.fixture
def analyst(client, django_user_model):
    user = django_user_model.objects.create_superuser("analyst", password="a long passphrase 1")
    client.force_login(user)
    return user


def run_worker(monkeypatch) -> None:
    """The database worker, in this process. Its between-task connection check would close
    the connection holding this test's transaction (on PostgreSQL), so it is skipped here;
    the worker `serve` starts runs unchanged in the browser tests."""
    import django_tasks_db.management.commands.db_worker as worker

    monkeypatch.setattr(worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0.1,
                 verbosity=0)


def test_the_ingest_pages_need_a_signed_in_analyst(client, django_user_model):
    assert client.get(reverse("jobs")).status_code == 302
    client.force_login(django_user_model.objects.create_user("reader"))
    response = client.post(reverse("ingest-capture"), {"urls": "https://example.org/"})
    # Signed in without the role: 403, not back to the sign-in page (a loop, issue 16).
    assert response.status_code == 403 and IngestJob.objects.count() == 0


def test_an_upload_becomes_a_job_the_worker_runs(client, analyst, monkeypatch):
    files = [SimpleUploadedFile("d000.txt", (DOCS / "d000.txt").read_bytes()),
             SimpleUploadedFile("d001.html", (DOCS / "d001.html").read_bytes()),
             SimpleUploadedFile("d000.txt", (DOCS / "d000.txt").read_bytes()),
             SimpleUploadedFile("empty.txt", b"")]
    response = client.post(reverse("ingest-upload"), {"files": files, "tags": "batch-1, nl"})
    job = IngestJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("job-detail",
                                                                           args=[job.pk])
    assert job.state == "queued" and job.total == 4 and job.task_id
    assert job.items == ["d000.txt", "d001.html", "2-d000.txt", "empty.txt"]
    page = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "0 of 4 items" in page

    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.state == "done" and job.done == 4
    assert (job.created, job.already) == (2, 1) and job.claims > 0
    assert job.failures == [[str(upload_dir(job) / "empty.txt"), "empty document"]]
    assert not upload_dir(job).exists()
    assert set(Source.objects.values_list("origin", flat=True)) == {"upload:d000.txt",
                                                                   "upload:d001.html"}
    assert set(Source.objects.values_list("tags", flat=True).distinct()[0]) == {"batch-1", "nl"}
    # The claims are the analyst's proposals: under two-person review someone else accepts.
    assert set(Claim.objects.values_list("proposed_by", flat=True)) == {analyst.pk}
    page = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page and "4 of 4 items" in page
    assert "empty document" in page


def test_refused_urls_are_reported_on_the_form_and_nothing_is_queued(client, analyst):
    response = client.post(reverse("ingest-capture"),
                           {"urls": "https://example.org/ok\nfile:///etc/passwd\n"
                                    "http://example.org:6379/"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "only http and https URLs can be captured" in text
    assert "port 6379 is not allowed" in text
    assert IngestJob.objects.count() == 0


def test_a_capture_job_fetches_through_the_hardened_client(client, analyst, settings,
                                                           httpserver_ipv4, monkeypatch):
    server = httpserver_ipv4
    server.expect_request("/story").respond_with_data((DOCS / "d003.html").read_bytes(),
                                                      content_type="text/html")
    settings.SW = replace(settings.SW, capture_allow_loopback=True,
                          capture_ports=(80, 443, server.port))
    client.post(reverse("ingest-capture"), {"urls": server.url_for("/story") + "\n"
                                                    "http://10.0.0.5/"})
    run_worker(monkeypatch)
    job = IngestJob.objects.get()
    assert job.state == "done" and (job.created, job.done) == (1, 2)
    assert job.failures[0][0] == "http://10.0.0.5/"
    assert "destination not allowed (private)" in job.failures[0][1]
    source = Source.objects.get()
    assert source.kind == "url" and source.capture_sha256 and source.http_status == 200
