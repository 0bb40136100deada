"""Bulk ingests as background tasks (django-tasks, database backend): the web app enqueues an
IngestJob, a worker runs it and keeps its counters current, the job page shows them."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from stationwatch_web.audit.services import audit_record

from .ingest import IngestReport, capture_urls, ingest_paths, poll_feeds
from .models import Feed, IngestJob
from .services import PROPOSER

#: Counters are written at most this often (seconds), and always at the end.
SAVE_EVERY = 0.5


def upload_dir(job: IngestJob) -> Path:
    """Where an upload job's files wait for the worker (removed when the job ends)."""
    return settings.SW.data_dir / "uploads" / str(job.pk)


def job_enqueue(job: IngestJob) -> IngestJob:
    result = run_ingest_job.enqueue(job.pk)
    IngestJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
    audit_record(action="job.enqueue", obj=job, actor=job.created_by,
                 detail={"kind": job.kind, "items": len(job.items)})
    return job


def _save(job: IngestJob, report: IngestReport) -> None:
    IngestJob.objects.filter(pk=job.pk).update(
        done=job.done, created=report.created, already=report.already, claims=report.claims,
        failures=[list(f) for f in report.failed])


@task()
def run_ingest_job(job_id: int) -> str:
    job = IngestJob.objects.get(pk=job_id)
    if job.state not in {"queued", "running"}:
        return f"job {job_id} already {job.state}"
    job.state, job.started_at, job.done = "running", timezone.now(), 0
    job.total = len(job.items) if job.kind != "feeds" else max(len(job.items), 1)
    job.save(update_fields=["state", "started_at", "done", "total"])
    last = [0.0]

    def on_document(report: IngestReport) -> None:
        if time.monotonic() - last[0] >= SAVE_EVERY:
            last[0] = time.monotonic()
            _save(job, report)

    def on_item(report: IngestReport) -> None:
        job.done += 1
        _save(job, report)

    report = IngestReport(on_document=on_document, on_item=on_item)
    tags = tuple(job.tags)
    proposer = PROPOSER.set(job.created_by)
    try:
        if job.kind == "upload":
            names = {str(upload_dir(job) / name): f"upload:{name}" for name in job.items}
            ingest_paths(list(names), tags=tags, report=report, origin_names=names,
                         staged=True)
        elif job.kind == "paths":
            ingest_paths(list(job.items), tags=tags, report=report)
        elif job.kind == "urls":
            capture_urls(list(job.items), tags=tags, report=report)
        else:
            feeds = list(Feed.objects.filter(url__in=job.items)) if job.items \
                else list(Feed.objects.filter(active=True))
            poll_feeds(feeds, report=report)
        job.state = "done"
    except Exception as exc:
        job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
        raise
    finally:
        PROPOSER.reset(proposer)
        _save(job, report)
        job.finished_at = timezone.now()
        IngestJob.objects.filter(pk=job.pk).update(state=job.state, error=job.error,
                                                   finished_at=job.finished_at, done=job.done)
        if job.kind == "upload":
            shutil.rmtree(upload_dir(job), ignore_errors=True)
    return str(report)
