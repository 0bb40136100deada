"""`stationwatch ingest`: files, folders and archives into the evidence store, with candidate
claims. One document at a time, each in its own transaction after its blob is on disk, so a
killed run loses nothing and a re-run duplicates nothing ("already have it")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from stationwatch.errors import StationwatchError
from stationwatch.extract import extract
from stationwatch.ingest import load_bytes
from stationwatch.pipeline.inputs import iter_records
from stationwatch_web.audit.services import audit_record

from .services import source_ingest_found

#: What `ingest` reads from a folder (other files are listed as skipped).
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".html.gz")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz")
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass
class IngestReport:
    created: int = 0
    already: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (f"stored {self.created} new sources with {self.claims} candidate claims; "
                f"already had {self.already}")
        if self.skipped:
            text += f"; skipped {len(self.skipped)} files of other types"
        if self.failed:
            text += f"; {len(self.failed)} failed:\n" + "\n".join(
                f"  {where}: {why}" for where, why in self.failed)
        return text


def _kind(name: str) -> str:
    low = name.lower()
    if low.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return "document" if low.endswith(DOCUMENT_SUFFIXES) else "other"


def expand(paths: list[str], report: IngestReport) -> list[Path]:
    """Files named or found in folders; never stationwatch's own data directory (its database,
    key and evidence blobs), should a folder being ingested contain it."""
    own = settings.SW.data_dir.resolve()
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if f.resolve().is_relative_to(own):
                    continue
                (out.append(f) if _kind(f.name) != "other" else report.skipped.append(str(f)))
        elif p.is_file():
            out.append(p)
        else:
            raise StationwatchError(f"{item}: no such file or directory")
    return out


@dataclass(frozen=True)
class _Item:
    where: str
    payload: bytes
    content_type: str = ""
    uri: str = ""
    record_id: str = ""
    offset: int | None = None
    error: str | None = None


def _items(path: Path) -> Iterator[_Item]:
    if _kind(path.name) == "archive":
        for rec in iter_records(path):
            where = f"{path}@{rec.offset}"
            yield _Item(where, rec.payload, rec.content_type, rec.uri, rec.record_id or "",
                        rec.offset, rec.error)
        return
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield _Item(str(path), b"", error=f"file too large ({size:,} bytes)")
        return
    yield _Item(str(path), path.read_bytes())


def ingest_paths(paths: list[str], *, tags: tuple[str, ...] = (), progress: bool = False
                 ) -> IngestReport:
    report = IngestReport()
    files = expand(paths, report)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit="doc", dynamic_ncols=True, leave=False)
    try:
        for path in files:
            for item in _items(path):
                if bar is not None:
                    bar.update(1)
                if item.error is None:
                    _one(item, path, tags, report)
                else:
                    _fail(report, item.where, item.error)
    finally:
        if bar is not None:
            bar.close()
    return report


def _one(item: _Item, path: Path, tags: tuple[str, ...], report: IngestReport) -> None:
    name = path.name.removesuffix(".gz") if path.suffix == ".gz" else path.name
    doc = load_bytes(item.payload, path=str(path), content_type=item.content_type,
                     uri=item.uri or None, name=name if not item.uri else None)
    if doc.errors:
        _fail(report, item.where, "; ".join(doc.errors))
        return
    found = extract(doc).as_dict()
    kind = "warc_record" if item.record_id else "file"
    result = source_ingest_found(
        payload=item.payload, found=found, text=doc.text, title=doc.title, kind=kind,
        uri=item.uri, media_type=doc.media_type, warc_record_id=item.record_id,
        origin=str(path), origin_offset=item.offset, tags=tags)
    if result.created:
        report.created, report.claims = report.created + 1, report.claims + result.claims
    else:
        report.already += 1


def _fail(report: IngestReport, where: str, why: str) -> None:
    report.failed.append((where, why))
    audit_record(action="source.ingest_failed", detail={"where": where, "reason": why})
