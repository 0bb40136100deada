"""`stationwatch verify`: the evidence store against its own hashes and the database."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    for p in store.verify():
        # A temporary file of a killed write never became a blob: worth knowing, not damage.
        target = report.notes if "interrupted write" in p.problem else report.problems
        target.append(f"{p.path}: {p.problem}")
    named = set(Source.objects.exclude(sha256=None).values_list("sha256", flat=True))
    report.sources = len(named)
    on_disk = {p.name for p in store.root.rglob("*")
               if p.is_file() and len(p.name) == 64} if store.root.exists() else set()
    report.blobs = len(on_disk)
    for sha in sorted(named - on_disk):
        report.problems.append(f"source {sha}: its blob is missing from {store.root}")
    for sha in sorted(on_disk - named):
        report.notes.append(f"blob {sha} has no source yet (an ingest stopped before its row)")
    return report
