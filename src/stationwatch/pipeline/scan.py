"""`stationwatch scan`: many input files, one task each, on a serial loop, a process pool or a
Dask cluster; output written in input order, so it is identical whichever runs the tasks.

Resuming: after each input file's lines are written and synced, a manifest line records the
file (path, size, mtime, SHA-256) and the output's size. ``--resume`` truncates the output to
the last recorded size (dropping lines of a file that was being written when the process
died) and skips every finished file, so an interrupted scan completes without redoing or
duplicating anything.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import StationwatchError
from ..ingest.sources import Item, expand
from .task import FileResult, scan_file

if TYPE_CHECKING:
    from ..ingest.sandbox import Limits
    from .documents import Read


class Sink(Protocol):
    """Where a scan's hits are stored besides its output (`scan --into-db`: the web app's
    database). Each hit is parsed under ``limits``, and handed over read: no re-reading."""

    limits: Limits

    def store(self, reads: list[Read]) -> None: ...


@dataclass(frozen=True)
class ScanOptions:
    out: Path
    workers: int | None = None  # default: every core
    dask: str | None = None  # "local" for a LocalCluster, or a scheduler address tcp://...
    resume: bool = False
    all_records: bool = False
    progress: bool = False
    sink: Sink | None = None


@dataclass
class ScanSummary:
    files: int = 0
    skipped: int = 0
    records: int = 0
    bytes: int = 0
    hits: int = 0
    errors: int = 0
    seconds: float = 0.0
    #: Inputs that could not be scanned at all (missing, a device, a pattern matching nothing).
    failed: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0.0
        mbs = self.bytes / 1e6 / self.seconds if self.seconds else 0.0
        skipped = f" ({self.skipped} already done)" if self.skipped else ""
        failed = "".join(f"\n  {where}: {why}" for where, why in self.failed)
        return (f"scanned {self.files} files{skipped}: {self.records:,} records, "
                f"{self.bytes / 1e6:,.1f} MB in {self.seconds:.1f} s ({rate:,.0f} records/s, "
                f"{mbs:,.1f} MB/s); {self.hits:,} relevant, {self.errors:,} with errors"
                + (f"; {len(self.failed)} input(s) not scanned:{failed}" if failed else ""))


def manifest_path(out: Path) -> Path:
    return out.with_name(out.name + ".manifest.jsonl")


def _identity(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"file": str(path), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _prepare(files: list[Path], options: ScanOptions) -> list[Path]:
    """The files still to do; the output truncated to what the manifest vouches for."""
    out, manifest = options.out, manifest_path(options.out)
    if not options.resume:
        if out.exists() or manifest.exists():
            raise StationwatchError(f"{out} exists: pass --resume to continue that scan, or "
                                    f"choose another --out")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.touch()
        return files
    done: dict[str, dict[str, Any]] = {}
    size = 0
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                done[entry["file"]] = entry
                size = int(entry["out_bytes"])
            except (ValueError, KeyError, TypeError):
                break  # a torn last line: everything before it stands
    if out.exists() and out.stat().st_size < size:
        raise StationwatchError(f"{out} is shorter than its manifest says; it was changed "
                                f"outside stationwatch: start a new scan")
    with out.open("ab") as fh:
        fh.truncate(size)
    with manifest.open("w", encoding="utf-8") as fh:  # rewrite without a torn tail
        for entry in done.values():
            fh.write(json.dumps(entry) + "\n")
    todo = []
    for f in files:
        entry = done.get(str(f))
        ident = _identity(f)
        if entry and entry["size"] == ident["size"] and entry["mtime_ns"] == ident["mtime_ns"]:
            continue
        todo.append(f)
    return todo


def _write(result: FileResult, options: ScanOptions, path: Path) -> None:
    with options.out.open("ab") as fh:
        for line in result.lines:
            fh.write(line.encode("utf-8") + b"\n")
        fh.flush()
        os.fsync(fh.fileno())
        out_bytes = fh.tell()
    entry = {**_identity(path), "sha256": result.sha256, "records": result.records,
             "hits": result.hits, "out_bytes": out_bytes}
    with manifest_path(options.out).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


Submit = Callable[[str], Any]

#: Worker settings measured to matter for this workload (docs/scan.md): Dask's sampling
#: profiler takes the GIL every 10 ms, and its nanny's MALLOC_TRIM_THRESHOLD_=65536 makes
#: every payload-sized allocation go back to the kernel; together they slowed a scan task by
#: half. Recommended for any cluster that runs scans.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                            "OPENBLAS_NUM_THREADS": 1},
}

#: No dashboard, and the scheduler's small HTTP server (health, metrics) on a free port: its
#: default, 8787, is taken when two scans (or a scan and a test) start together.
QUIET_SCHEDULER = {"dashboard": False, "dashboard_address": ":0"}


def _in_order(files: list[Path], submit: Submit, wait_any: Callable[[set[Any]], set[Any]],
              result_of: Callable[[Any], FileResult], window: int) -> Iterator[FileResult]:
    """Results in input order, at most ``window`` tasks in flight (bounded memory)."""
    pending: dict[Any, int] = {}
    ready: dict[int, FileResult] = {}
    nxt = 0
    queue = iter(enumerate(files))
    while True:
        while len(pending) < window:
            item = next(queue, None)
            if item is None:
                break
            pending[submit(str(item[1]))] = item[0]
        if not pending and nxt not in ready:
            return
        if pending:
            for fut in wait_any(set(pending)):
                ready[pending.pop(fut)] = result_of(fut)
        while nxt in ready:
            yield ready.pop(nxt)
            nxt += 1


def _run(files: list[Path], options: ScanOptions) -> Iterator[FileResult]:
    workers = options.workers or os.cpu_count() or 1
    limits = options.sink.limits if options.sink is not None else None
    args = (options.all_records, True, limits)
    if options.dask:
        yield from _run_dask(files, options, workers)
        return
    if workers == 1:
        for f in files:
            yield scan_file(str(f), *args)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from _in_order(
            files, lambda p: pool.submit(scan_file, p, *args),
            lambda fs: wait(fs, return_when=FIRST_COMPLETED).done,
            lambda f: f.result(), window=2 * workers)


def _run_dask(files: list[Path], options: ScanOptions, workers: int) -> Iterator[FileResult]:
    try:
        import dask
        from distributed import Client, LocalCluster
        from distributed import wait as dask_wait
    except ImportError:
        raise StationwatchError("--dask needs the 'distributed' package: "
                                "pip install 'stationwatch[scan]'") from None
    cluster = None
    address = options.dask or ""
    if address == "local":
        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, scheduler_kwargs=QUIET_SCHEDULER)
        client = Client(cluster)
    elif address.startswith("tcp://"):
        try:
            client = Client(address, timeout="10s")
        except OSError as exc:
            raise StationwatchError(f"cannot reach the Dask scheduler at {address}: "
                                    f"{exc}") from None
    else:
        raise StationwatchError(f"--dask must be 'local' or tcp://HOST:PORT, not {address!r}")
    try:
        window = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        yield from _in_order(
            files, lambda p: client.submit(scan_file, p, options.all_records, True,
                                           options.sink.limits if options.sink else None,
                                           pure=False),
            lambda fs: dask_wait(list(fs), return_when="FIRST_COMPLETED").done,
            lambda f: f.result(), window=window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def scan(inputs: list[str], options: ScanOptions) -> ScanSummary:
    """Scan every input; return the summary. An input that cannot be scanned is listed in
    ``summary.failed`` and the others are scanned; StationwatchError on bad options or when no
    input can be scanned at all."""
    files: dict[Path, None] = {}
    failed: list[tuple[str, str]] = []
    for found in expand(inputs):
        if isinstance(found, Item):
            failed.append((found.path, found.error or ""))
        else:
            files.setdefault(found.resolve(), None)
    if not files and failed:  # nothing readable: no output file is started
        raise StationwatchError("nothing to scan: " + "; ".join(
            f"{path}: {error}" for path, error in failed))
    todo = _prepare(list(files), options)
    summary = ScanSummary(files=len(files), skipped=len(files) - len(todo), failed=failed)
    started = time.perf_counter()
    bar = None
    if options.progress:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="file", dynamic_ncols=True, leave=False)
    try:
        for f, result in zip(todo, _run(todo, options), strict=True):
            if options.sink is not None:  # stored before the manifest vouches for the file
                options.sink.store(result.reads)
            _write(result, options, f)
            summary.records += result.records
            summary.bytes += result.bytes
            summary.hits += result.hits
            summary.errors += result.errors
            if bar is not None:
                elapsed = max(time.perf_counter() - started, 1e-9)
                bar.set_postfix_str(f"{summary.records / elapsed:,.0f} rec/s "
                                    f"{summary.bytes / 1e6 / elapsed:,.1f} MB/s "
                                    f"{summary.hits} hits")
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    return summary
