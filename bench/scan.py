"""Benchmark: `stationwatch scan` against the read floor, start-up included, in one run.

Builds (once, kept in --dir) FILES gzipped WARC files of about MB megabytes each: the 181 real
article pages of ../shared/bench repeated under different URLs, with the 61 records of the
dev corpus's WARC (eval/corpus/dev/dev.warc.gz) mixed into each file. Every figure is the wall
time of a fresh process, as a user runs it (interpreter, imports and start-up included):

  - the read floor: FastWARC iterating and reading every payload of the first file, one core;
  - `stationwatch scan` of that file with one worker, as a fraction of the floor's speed;
  - the prefilter's pass rate on the 181 pages;
  - all files with one worker, with the process pool (2 workers) and through a real Dask
    cluster (`dask scheduler` and two `dask worker` processes on 127.0.0.1, started first),
    as speed-ups over one worker; and that all three give the same output.

With --before SRC (a checkout's src/ directory, e.g. from `git archive`), every figure is
measured for that code too, alternately in the same run, so before/after are comparable
ratios on a shared, noisy machine.
Usage: python bench/scan.py [--dir /tmp/sw-bench] [--mb 187] [--files 4] [--before SRC]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV_WARC = REPO / "eval" / "corpus" / "dev" / "dev.warc.gz"
BIN = Path(sys.executable).parent

FLOOR = """
import sys
from fastwarc.warc import ArchiveIterator, WarcRecordType
for f in sys.argv[1:]:
    for rec in ArchiveIterator(f, record_types=WarcRecordType.response, fsspec_args=False):
        rec.reader.read()
"""


def warc_record(uri: str, payload: bytes, content_type: str) -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() +
            b"\r\nContent-Length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2026-11-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _pages() -> list[bytes]:
    return [gzip.decompress(p.read_bytes())
            for p in sorted((SHARED / "bench/article-pages").glob("*.html.gz"))]


def _dev_records() -> list[tuple[str, bytes, str]]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    return [(rec.headers.get("WARC-Target-URI", ""), rec.reader.read(),
             rec.http_content_type or "text/html")
            for rec in ArchiveIterator(str(DEV_WARC), record_types=WarcRecordType.response,
                                       parse_http=True, fsspec_args=False)]


def _build_one(args: tuple[Path, int, int]) -> Path:
    path, index, target = args
    rng = random.Random(index)
    pages, dev = _pages(), _dev_records()
    records = max(target // 40_000, len(dev))  # a bench page is about 40 kB gzipped
    dev_at = dict(zip(rng.sample(range(records), len(dev)), dev, strict=True))
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        n = 0
        while fh.tell() < target:
            for i, page in enumerate(pages):
                record = warc_record(f"https://bulk.example/{index}/{n}/{i}", page,
                                     "text/html; charset=utf-8")
                c = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
                fh.write(c.compress(record) + c.flush())
                extra = dev_at.pop(n * len(pages) + i, None)
                if extra is not None:
                    c = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
                    fh.write(c.compress(warc_record(*extra)) + c.flush())
            n += 1
        for extra in dev_at.values():  # those whose place was never reached
            c = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
            fh.write(c.compress(warc_record(*extra)) + c.flush())
    tmp.replace(path)
    return path


def build(directory: Path, mb: int, files: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / f"bulk-{mb}mb-{i}.warc.gz" for i in range(files)]
    todo = [(p, i, mb * 1_000_000) for i, p in enumerate(paths) if not p.exists()]
    if todo:
        with ProcessPoolExecutor(2) as pool:
            list(pool.map(_build_one, todo))
    return paths


def _env(src: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    # The worker settings docs/scan.md recommends for any cluster that runs scans.
    env["DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"] = "False"
    env["DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON"] = "{'OMP_NUM_THREADS': 1}"
    return env


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return elapsed


def scan_cmd(files: list[Path], out: Path, *extra: str) -> list[str]:
    for p in (out, out.with_name(out.name + ".manifest.jsonl")):
        p.unlink(missing_ok=True)
    return [str(BIN / "stationwatch"), "scan", *map(str, files), "--out", str(out), *extra]


class Cluster:
    """`dask scheduler` and two `dask worker` processes on loopback, for one code version."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.address = f"tcp://127.0.0.1:{port}"
        self.procs = [subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--dashboard-address", ":0"], env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)]
        time.sleep(2)
        self.procs += [subprocess.Popen(
            [str(BIN / "dask"), "worker", self.address, "--nthreads", "1", "--nworkers", "1",
             "--dashboard-address", ":0", "--host", "127.0.0.1"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
        from distributed import Client

        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)

    def close(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            proc.wait(timeout=30)


def pass_rate(env: dict[str, str]) -> str:
    code = ("import gzip,sys,pathlib\nfrom stationwatch.pipeline.prefilter import "
            "may_be_relevant\npages=sorted(pathlib.Path(sys.argv[1]).glob('*.html.gz'))\n"
            "print(sum(may_be_relevant(gzip.decompress(p.read_bytes())) for p in pages), "
            "len(pages))")
    out = subprocess.run([sys.executable, "-c", code, str(SHARED / "bench/article-pages")],
                         env=env, capture_output=True, text=True, check=True).stdout.split()
    return f"{out[0]} of {out[1]} ({int(out[0]) / int(out[1]):.1%})"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "sw-bench")
    parser.add_argument("--mb", type=int, default=187)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--before", type=Path, help="src/ of the code to compare with")
    parser.add_argument("--skip", default="", help="comma-separated: single,pool,dask")
    args = parser.parse_args()
    files = build(args.dir, args.mb, args.files)
    sizes = ", ".join(f"{f.stat().st_size / 1e6:.0f}" for f in files)
    print(f"corpus: {len(files)} files of {sizes} MB of gzipped WARC in {args.dir}")
    versions = {"after": _env(None)}
    if args.before is not None:
        versions = {"before": _env(args.before.resolve()), **versions}
    skip = set(args.skip.split(","))
    work = Path(tempfile.mkdtemp(prefix="sw-bench-out-"))
    try:
        for name, env in versions.items():
            print(f"[{name}] prefilter passes {pass_rate(env)} bench pages")
        if "single" not in skip:
            for name, env in versions.items():
                floor = timed([sys.executable, "-c", FLOOR, str(files[0])], env)
                one = timed(scan_cmd(files[:1], work / f"{name}-1.jsonl", "--workers", "1"),
                            env)
                print(f"[{name}] one file, one worker: read floor {floor:.2f} s, scan "
                      f"{one:.2f} s: {floor / one:.2f}x the floor's speed")
        for name, env in versions.items():
            serial_out = work / f"{name}-serial.jsonl"
            serial = timed(scan_cmd(files, serial_out, "--workers", "1"), env)
            print(f"[{name}] {len(files)} files, one worker: {serial:.1f} s")
            if "pool" not in skip:
                out = work / f"{name}-pool.jsonl"
                pool = timed(scan_cmd(files, out, "--workers", "2"), env)
                print(f"[{name}]   process pool, 2 workers: {pool:.1f} s, "
                      f"{serial / pool:.2f}x one worker; same output: "
                      f"{digest(out) == digest(serial_out)}")
            if "dask" not in skip:
                cluster = Cluster(env, 18786 + (name == "before"))
                try:
                    out = work / f"{name}-dask.jsonl"
                    dask = timed(scan_cmd(files, out, "--dask", cluster.address), env)
                finally:
                    cluster.close()
                print(f"[{name}]   Dask, 2 worker processes: {dask:.1f} s, "
                      f"{serial / dask:.2f}x one worker; same output: "
                      f"{digest(out) == digest(serial_out)}")
            rows = [json.loads(x) for x in serial_out.read_text().splitlines()]
            print(f"[{name}]   hits: {sum(r['relevant'] for r in rows)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
