"""Benchmark: `stationwatch scan` against the read floor, in one run on this machine.

Builds (once, cached in bench/out/) ~180 MB of gzipped WARC: the 181 real article pages of
../shared/bench repeated under different URLs as irrelevant bulk, with the dev corpus's
documents mixed in, split into 8 files. Then reports, as ratios measured in the same run:
  - the read floor: FastWARC iterating and reading every payload, one core;
  - the full scan (prefilter + pipeline on the records that pass), one worker;
  - the naive pipeline (HTML -> text + extraction on every record), on a sample;
  - two workers against one, and a Dask LocalCluster against the process pool;
  - that every relevant dev document was found.
Usage: python bench/scan.py [SHARED_DIR] [--repeat 30]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
import uuid
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType

OUT = Path(__file__).resolve().parent / "out"
FILES = 8


def warc_record(uri: str, payload: bytes, content_type: str) -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() +
            b"\r\nContent-Length: " + str(len(payload)).encode() + b"\r\n\r\n" + payload)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2026-11-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _compress(records: list[bytes]) -> bytes:
    out = []
    for rec in records:
        c = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        out.append(c.compress(rec) + c.flush())
    return b"".join(out)


def build(shared: Path, repeat: int) -> tuple[list[Path], set[str]]:
    OUT.mkdir(exist_ok=True)
    marker = OUT / f"corpus-{repeat}.json"
    if marker.exists():
        meta = json.loads(marker.read_text())
        return [Path(p) for p in meta["files"]], set(meta["relevant_uris"])
    rng = random.Random(7)
    pages = [gzip.decompress(p.read_bytes())
             for p in sorted((shared / "bench/article-pages").glob("*.html.gz"))]
    records = [(f"https://bulk.example/{r}/{i}", page, "text/html; charset=utf-8")
               for r in range(repeat) for i, page in enumerate(pages)]
    gold = [json.loads(x) for x in (shared / "corpus/dev/gold.jsonl").read_text().splitlines()]
    relevant = set()
    for g in gold:
        uri = f"https://dev.example/{g['id']}"
        ctype = "text/html; charset=utf-8" if g["format"] == "html" else \
            "text/plain; charset=utf-8"
        records.insert(rng.randrange(len(records)),
                       (uri, (shared / "corpus/dev" / g["file"]).read_bytes(), ctype))
        if g["relevant"]:
            relevant.add(uri)
    raw = [warc_record(*r) for r in records]
    chunks = [raw[i::FILES] for i in range(FILES)]
    with ProcessPoolExecutor(2) as pool:
        blobs = list(pool.map(_compress, chunks))
    files = []
    for i, blob in enumerate(blobs):
        path = OUT / f"bulk-{repeat}-{i}.warc.gz"
        path.write_bytes(blob)
        files.append(path)
    marker.write_text(json.dumps({"files": [str(f) for f in files],
                                  "relevant_uris": sorted(relevant)}))
    return files, relevant


def read_floor(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        for rec in ArchiveIterator(str(f), record_types=WarcRecordType.response,
                                   fsspec_args=False):
            rec.reader.read()
    return time.perf_counter() - start


def naive_sample(files: list[Path], n: int) -> tuple[int, float]:
    from stationwatch.extract import extract
    from stationwatch.ingest import load_bytes

    done, size, start = 0, 0, time.perf_counter()
    for rec in ArchiveIterator(str(files[0]), record_types=WarcRecordType.response,
                               fsspec_args=False):
        payload = rec.reader.read()
        extract(load_bytes(payload, path="x", content_type=rec.http_content_type or ""))
        done, size = done + 1, size + len(payload)
        if done >= n:
            break
    return size, time.perf_counter() - start


def run_scan(files: list[Path], out: Path, **options: object) -> tuple[float, list[dict]]:
    from stationwatch.pipeline import ScanOptions, scan

    for p in (out, out.with_name(out.name + ".manifest.jsonl")):
        p.unlink(missing_ok=True)
    summary = scan([str(f) for f in files], ScanOptions(out=out, **options))  # type: ignore[arg-type]
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    return summary.seconds, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    from stationwatch.extract.matcher import matcher
    from stationwatch.pipeline.prefilter import may_be_relevant

    matcher()
    may_be_relevant(b"warm up")
    files, relevant = build(args.shared, args.repeat)
    gz_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"corpus: {len(files)} files, {gz_mb:.0f} MB of gzipped WARC")

    floor = read_floor(files)
    print(f"read floor (FastWARC, 1 core):  {gz_mb / floor:7.1f} MB/s of gzip")
    one, rows = run_scan(files, OUT / "scan-1.jsonl", workers=1)
    found = {r["uri"] for r in rows if r["relevant"]}
    print(f"full scan, 1 worker:            {gz_mb / one:7.1f} MB/s   "
          f"{floor / one:.2f}x the read floor")
    print(f"  relevant dev documents found: {len(found & relevant)} of {len(relevant)} "
          f"(the extractor's own dev recall bounds this); other hits: {len(found - relevant)}")
    size, secs = naive_sample(files, 300)
    print(f"naive pipeline on 300 records:  {size / 1e6 / secs:7.1f} MB/s of HTML "
          f"(the scan reads {one and (sum(1 for _ in rows) or 1)} hits in full)")
    two, rows2 = run_scan(files, OUT / "scan-2.jsonl", workers=2)
    print(f"full scan, 2 workers:           {gz_mb / two:7.1f} MB/s   {one / two:.2f}x one "
          f"worker; identical output: {rows2 == rows}")
    dask, rows3 = run_scan(files, OUT / "scan-dask.jsonl", workers=2, dask="local")
    print(f"Dask LocalCluster, 2 workers, cold (cluster started by scan):  "
          f"{gz_mb / dask:7.1f} MB/s   {two / dask:.2f}x the process pool; identical output: "
          f"{rows3 == rows}")
    warm, rows4 = dask_warm(files)
    print(f"Dask LocalCluster, 2 workers, warm (workers started first):     "
          f"{gz_mb / warm:7.1f} MB/s   {two / warm:.2f}x the process pool; identical output: "
          f"{rows4 == rows}")


def _warm_up() -> bool:
    from stationwatch.extract.matcher import matcher
    from stationwatch.pipeline.prefilter import may_be_relevant

    matcher()
    return may_be_relevant(b"warm up") is False


def dask_warm(files: list[Path]) -> tuple[float, list[dict]]:
    """A long-running cluster, as teams run one: start-up and imports are paid once, before."""
    import dask
    from distributed import Client, LocalCluster

    from stationwatch.pipeline.scan import LOCAL_CLUSTER_CONFIG

    with dask.config.set(LOCAL_CLUSTER_CONFIG), LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True,
            dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(_warm_up)
        return run_scan(files, OUT / "scan-dask-warm.jsonl", dask=cluster.scheduler_address)


if __name__ == "__main__":
    main()
