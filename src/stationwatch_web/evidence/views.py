"""Ingest pages: upload files, capture URLs, add feeds; each becomes a background job whose
progress page refreshes itself (no script needed) until the job ends."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST

from stationwatch_web.access import get_visible_or_404, perm_or_404, perm_required
from stationwatch_web.params import clean_param

from .forms import CaptureForm, FeedForm, UploadForm
from .ingest import feed_add
from .models import Feed, IngestJob
from .tasks import job_enqueue, upload_dir

CAN_INGEST = "evidence.add_source"


def _page(request: HttpRequest, **forms: object) -> HttpResponse:
    context = {"upload_form": UploadForm(), "capture_form": CaptureForm(),
               "feed_form": FeedForm(), "jobs": IngestJob.objects.all()[:30],
               "feeds": Feed.objects.all()[:100], **forms}
    return render(request, "evidence/jobs.html", context, status=400 if forms else 200)


@perm_required(CAN_INGEST)
def jobs(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _unique_names(files: list[UploadedFile]) -> list[tuple[str, UploadedFile]]:
    out, used = [], set()
    for f in files:
        name = get_valid_filename(f.name or "upload") or "upload"
        base, n = name, 1
        while name in used:
            n += 1
            name = f"{n}-{base}"
        used.add(name)
        out.append((name, f))
    return out


@require_POST
@perm_required(CAN_INGEST)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload_form=form)
    named = _unique_names(form.cleaned_data["files"])
    with transaction.atomic():
        job = IngestJob.objects.create(kind="upload", items=[n for n, _ in named],
                                       tags=form.cleaned_data["tags"], total=len(named),
                                       created_by=request.user)
    folder = upload_dir(job)
    folder.mkdir(parents=True, exist_ok=True)
    for name, f in named:
        with (folder / name).open("wb") as out:
            for chunk in f.chunks():
                out.write(chunk)
    job_enqueue(job)
    return redirect("job-detail", pk=job.pk)


@require_POST
@perm_required(CAN_INGEST)
def capture(request: HttpRequest) -> HttpResponse:
    form = CaptureForm(request.POST)
    if not form.is_valid():
        return _page(request, capture_form=form)
    job = IngestJob.objects.create(kind="urls", items=form.cleaned_data["urls"],
                                   tags=form.cleaned_data["tags"],
                                   total=len(form.cleaned_data["urls"]),
                                   created_by=request.user)
    job_enqueue(job)
    return redirect("job-detail", pk=job.pk)


@require_POST
@perm_required(CAN_INGEST)
def feed(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST)
    if not form.is_valid():
        return _page(request, feed_form=form)
    added = feed_add(form.cleaned_data["url"])
    job = IngestJob.objects.create(kind="feeds", items=[added.url], total=1,
                                   created_by=request.user)
    job_enqueue(job)
    return redirect("job-detail", pk=job.pk)


@perm_or_404(CAN_INGEST)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_visible_or_404(request.user, IngestJob.objects.all(), pk=pk)
    return render(request, "evidence/job_detail.html",
                  {"job": job, "running": job.state in {"queued", "running"}})


@perm_required("evidence.view_source")
def search(request: HttpRequest) -> HttpResponse:
    """Sources whose text holds the query, with the claims drawn from each."""
    from .search import MAX_RESULTS, document_hits

    q = clean_param(request.GET.get("q", ""))
    return render(request, "evidence/search.html", {
        "q": q, "documents": document_hits(q) if q else [], "max": MAX_RESULTS})
