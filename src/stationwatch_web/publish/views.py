"""The data page (live exports and releases), the releases published so far, and the app's own
copy of each, served as it was written."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.static import serve

from stationwatch.export import formats
from stationwatch_web.params import clean_param

from .models import Release
from .services import archive_dir


def exports_page(request: HttpRequest) -> HttpResponse:
    """The live exports and the latest release, side by side."""
    return render(request, "atlas/exports.html", {"names": formats.LIVE,
                                                  "latest": Release.objects.last()})


def releases(request: HttpRequest) -> HttpResponse:
    rows = list(Release.objects.order_by("-id"))
    for r in rows:
        r.kept = archive_dir(r.version).is_dir()  # type: ignore[attr-defined]
    return render(request, "publish/releases.html", {"releases": rows})


def release_file(request: HttpRequest, version: str, path: str) -> HttpResponse:
    version = clean_param(version, 40)
    parts = path.split("/")
    if not Release.objects.filter(version=version).exists() or ".." in parts or "" in parts[:-1]:
        raise Http404("no such release file")
    # serve() also refuses paths leaving the folder; the folder itself is never listed.
    return serve(request, path or "index.html", document_root=str(archive_dir(version)),
                 show_indexes=False)
