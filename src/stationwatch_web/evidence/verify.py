"""`stationwatch verify`: the evidence store against its own hashes and the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from stationwatch.capture import read_capture
from stationwatch.errors import DocumentError
from stationwatch.evidence import BlobStore

from .models import Source
from .services import blob_store


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)  # evidence damaged or missing
    notes: list[str] = field(default_factory=list)  # harmless: blobs no row names yet
    blobs: int = 0
    sources: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        head = (f"checked {self.blobs} blobs and {self.sources} stored sources: "
                f"{'ok' if self.ok else f'{len(self.problems)} problems'}")
        lines = [head, *(f"  PROBLEM {p}" for p in self.problems),
                 *(f"  note {n}" for n in self.notes)]
        return "\n".join(lines)


def evidence_verify() -> VerifyReport:
    store = blob_store()
    report = VerifyReport()
    for path in store.remove_leftovers():
        report.notes.append(f"{path}: removed, a temporary file of a write killed over an "
                            f"hour ago")
    for p in store.verify():
        # A temporary file of a killed write never became a blob: worth knowing, not damage.
        target = report.notes if "interrupted write" in p.problem else report.problems
        target.append(f"{p.path}: {p.problem}")
    named = set(Source.objects.exclude(sha256=None).values_list("sha256", flat=True))
    report.sources = len(named)
    captures = list(Source.objects.exclude(capture_sha256="")
                    .values_list("pk", "sha256", "capture_sha256", "warc_record_id"))
    named |= {c[2] for c in captures}
    on_disk = {p.name for p in store.root.rglob("*")
               if p.is_file() and len(p.name) == 64} if store.root.exists() else set()
    report.blobs = len(on_disk)
    for sha in sorted(named - on_disk):
        report.problems.append(f"source {sha}: its blob is missing from {store.root}")
    for pk, sha, capture_sha, record_id in captures:
        if capture_sha in on_disk:
            _check_capture(report, store, pk, sha, capture_sha, record_id)
    for sha in sorted(on_disk - named):
        report.notes.append(f"blob {sha} has no source yet (an ingest stopped before its row)")
    return report


def _check_capture(report: VerifyReport, store: BlobStore, pk: int, sha: str, capture_sha: str,
                   record_id: str) -> None:
    """A capture's WARC must replay to exactly the stored payload (its digests intact)."""
    try:
        record = read_capture(store.get(capture_sha))
    except (DocumentError, OSError) as exc:
        report.problems.append(f"source {pk}: capture WARC {capture_sha}: {exc}")
        return
    if record.payload_sha256 != sha:
        report.problems.append(f"source {pk}: capture WARC {capture_sha} replays to other bytes "
                               f"({record.payload_sha256}, stored {sha})")
    elif record.record_id != record_id:
        report.problems.append(f"source {pk}: capture WARC record ID {record.record_id} "
                               f"differs from the source's {record_id}")
