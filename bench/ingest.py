"""Benchmark: `stationwatch ingest` throughput into SQLite and PostgreSQL, in one run.

Generates N unique documents (the dev corpus's texts, each made unique by a numbered line),
then ingests them into a fresh SQLite data directory and, when a PostgreSQL URL is given, a
fresh database on that server; reports documents/s for each, and the share of the time the
extraction alone takes (measured on the same documents).
Usage: python bench/ingest.py [SHARED_DIR] [-n 10000] [--postgres postgres://user@host/db]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path


def make_documents(shared: Path, n: int, out: Path) -> None:
    gold = [json.loads(x) for x in (shared / "corpus/dev/gold.jsonl").read_text().splitlines()]
    texts = [(g["file"], (shared / "corpus/dev" / g["file"]).read_bytes()) for g in gold]
    out.mkdir(parents=True)
    for i in range(n):
        name, data = texts[i % len(texts)]
        suffix = Path(name).suffix
        marker = f"\n<!-- copy {i} -->\n" if suffix == ".html" else f"\n\n(copy {i})\n"
        (out / f"doc-{i:06d}{suffix}").write_bytes(data + marker.encode())


def ingest(folder: Path, env: dict[str, str]) -> float:
    command = [str(Path(sys.executable).with_name("stationwatch")), "ingest", str(folder)]
    subprocess.run(command[:1] + ["migrate"], env=env, check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def extraction_only(folder: Path) -> float:
    from stationwatch.extract import extract
    from stationwatch.ingest import load_path

    start = time.perf_counter()
    for path in sorted(folder.iterdir()):
        for doc in load_path(path):
            extract(doc)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES", ""))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        make_documents(args.shared, args.n, docs)
        base = {k: v for k, v in os.environ.items() if not k.startswith("STATIONWATCH_")}
        base.pop("DATABASE_URL", None)
        runs = {"SQLite": {**base, "STATIONWATCH_DATA_DIR": str(Path(tmp) / "sqlite")}}
        pg_name = ""
        if args.postgres:
            import psycopg

            pg_name = f"sw_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(args.postgres, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{pg_name}"')
            url = args.postgres.rsplit("/", 1)[0] + "/" + pg_name
            runs["PostgreSQL"] = {**base, "STATIONWATCH_DATA_DIR": str(Path(tmp) / "pg"),
                                  "DATABASE_URL": url}
        try:
            extract_s = extraction_only(docs)
            print(f"{args.n} documents; extraction alone: {args.n / extract_s:,.0f} docs/s")
            for name, env in runs.items():
                seconds = ingest(docs, env)
                print(f"ingest into {name:10s} {args.n / seconds:8,.0f} docs/s "
                      f"(extraction is {extract_s / seconds:.0%} of the time)")
        finally:
            if pg_name:
                with psycopg.connect(args.postgres, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
