"""Publishing a release: snapshot, refuse on unreviewed records, render, hash, swap in."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from stationwatch import __version__
from stationwatch.errors import ReleaseError
from stationwatch.export import release
from stationwatch_web.audit.services import audit_head_pin, audit_record

from . import site, snapshot
from .models import Release


@dataclass
class Published:
    release: Release
    outdir: Path
    files: int
    new: bool
    unreviewed: list[str]

    def __str__(self) -> str:
        r = self.release
        how = "new release" if self.new else "same data as before, written again"
        extra = (f"; {len(self.unreviewed)} unreviewed record(s) included"
                 if self.unreviewed else "")
        return (f"release {r.version} of {r.date} ({how}): {r.counts['stations']} stations, "
                f"{r.counts['responses']} responses, {r.counts['sources']} sources, "
                f"{self.files} files in {self.outdir}{extra}")


def _next_version() -> str:
    numbers = [int(v) for v in Release.objects.values_list("version", flat=True) if v.isdigit()]
    n = max(numbers, default=0) + 1
    while Release.objects.filter(version=str(n)).exists():
        n += 1
    return str(n)


def archive_dir(version: str) -> Path:
    """Where the app keeps its own copy of each release (served at /releases/)."""
    return Path(settings.SW.data_dir) / "releases" / version


def publish(outdir: Path, *, version: str | None = None, allow_unreviewed: bool = False,
            actor: Any = None, progress: Callable[[str], None] | None = None,
            languages: Sequence[str] = ("en",)) -> Published:
    """Publish the published records to ``outdir`` as release ``version`` (default: the
    release already holding this exact data, else the next number), its pages in English and
    each other of ``languages`` (settings.LANGUAGES), one data release and manifest for all.
    ``progress`` is told each step as it starts."""
    unknown = sorted(set(languages) - {code for code, _name in settings.LANGUAGES})
    if unknown:
        raise ReleaseError(f"no complete interface language {', '.join(unknown)}: choose from "
                           + ", ".join(code for code, _name in settings.LANGUAGES))
    say = progress or (lambda _message: None)
    say("reading the published records")
    snap = snapshot.build()
    if snap.unreviewed and not allow_unreviewed:
        shown = ", ".join(snap.unreviewed[:10]) + (" ..." if len(snap.unreviewed) > 10 else "")
        raise ReleaseError(f"{len(snap.unreviewed)} record(s) to publish rest on unreviewed "
                           f"claims: {shown}. Review them, or pass --allow-unreviewed "
                           "(recorded in the audit log)")
    digest = snap.digest
    if version is not None:
        release.check_version(version)
        existing = Release.objects.filter(version=version).first()
        if existing is not None and existing.digest != digest:
            raise ReleaseError(f"release {version} was published on {existing.date} with other "
                               "data; a published release never changes: give a new version")
    else:
        latest = Release.objects.order_by("-id").first()
        existing = latest if latest is not None and latest.digest == digest else None
        version = existing.version if existing else _next_version()
    when = existing.date if existing else release.release_date()
    stations = [release.summary_record(s) for s in snap.stations]
    earlier = Release.objects.filter(id__lt=existing.pk) if existing else Release.objects.all()
    history = site.changelog([(r.version, r.date.isoformat(), r.stations)
                              for r in earlier.order_by("id")]
                             + [(version, when.isoformat(), stations)])

    files = dict(snap.files)
    package = release.datapackage(version=version, date=when.isoformat(),
                                  license=settings.SW.release_license, files=files)
    files["data/datapackage.json"] = _json(package)
    data_files = [{"path": name, "bytes": len(files[name]),
                   "sha256": hashlib.sha256(files[name]).hexdigest()}
                  for name in sorted(files) if name.startswith("data/")]
    info = {"version": version, "date": when.isoformat(), "digest": digest,
            "counts": snap.counts, "license": settings.SW.release_license,
            "unreviewed_included": snap.unreviewed, "generator": f"stationwatch {__version__}"}
    # The audit log's head when this version was first published: the release pins the log.
    audit_head = existing.audit_head if existing else audit_head_pin()
    if audit_head:
        info["audit_head"] = audit_head
    say(f"rendering the pages of {len(snap.stations):,} stations, {len(snap.countries):,} "
        f"countries and {len(snap.bureaus):,} bureaus")
    files.update(site.pages(snap, info, history, data_files, languages))
    files[release.RELEASE_INFO] = _json(info)

    say(f"writing and hashing {len(files):,} files")
    manifest = release.write_tree(outdir, files)
    if outdir.resolve() != archive_dir(version).resolve():
        release.write_tree(archive_dir(version), files)
    with transaction.atomic():
        new = existing is None
        row = existing or Release.objects.create(
            version=version, date=when, digest=digest, manifest_sha256=manifest,
            stations=stations, counts=snap.counts, unreviewed=snap.unreviewed,
            audit_head=audit_head,
            created_by=actor if getattr(actor, "is_authenticated", False) else None)
        audit_record(actor=actor, action="release.publish", obj=row, detail={
            "version": version, "digest": digest, "manifest_sha256": manifest, "new": new,
            "outdir": str(outdir), "allow_unreviewed": allow_unreviewed,
            "unreviewed_included": snap.unreviewed})
    return Published(release=row, outdir=outdir, files=len(files) + 1, new=new,
                     unreviewed=snap.unreviewed)


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
