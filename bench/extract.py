"""Benchmark: extraction throughput against HTML -> text alone, measured in the same run.

Inputs: the dev corpus documents (eval/corpus/dev, repeated) and, where ../shared is laid
beside the checkout, the 181 benchmark article pages. For each set
it reports documents/s and MB/s of input bytes for (a) loading alone (decoding and, for HTML,
trafilatura's main text) and (b) loading plus extraction, and the ratio b/a.
Usage: python bench/extract.py [SHARED_DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from stationwatch.extract import extract
from stationwatch.extract.matcher import matcher
from stationwatch.ingest import load_bytes

CORPUS = Path(__file__).resolve().parents[1] / "eval" / "corpus"


def dev_inputs(repeat: int) -> list[tuple[str, bytes]]:
    gold = [json.loads(x) for x in (CORPUS / "dev/gold.jsonl").read_text().splitlines()]
    docs = [(g["file"], (CORPUS / "dev" / g["file"]).read_bytes()) for g in gold]
    return docs * repeat


def page_inputs(shared: Path) -> list[tuple[str, bytes]]:
    pages = shared / "bench/article-pages"
    return [(p.name[:-3], gzip.decompress(p.read_bytes())) for p in sorted(pages.glob("*.gz"))]


def measure(inputs: list[tuple[str, bytes]], with_extraction: bool) -> float:
    start = time.perf_counter()
    for name, data in inputs:
        doc = load_bytes(data, path=name)
        if with_extraction:
            extract(doc)
    return time.perf_counter() - start


def report(label: str, inputs: list[tuple[str, bytes]]) -> None:
    mb = sum(len(d) for _, d in inputs) / 1e6
    base = measure(inputs, with_extraction=False)
    full = measure(inputs, with_extraction=True)
    print(f"{label}: {len(inputs)} documents, {mb:.1f} MB")
    print(f"  load + main text     {len(inputs) / base:8.1f} docs/s {mb / base:7.2f} MB/s")
    print(f"  load + extraction    {len(inputs) / full:8.1f} docs/s {mb / full:7.2f} MB/s"
          f"   ({base / full:.2f}x the speed of loading alone)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    start = time.perf_counter()
    matcher()
    print(f"automaton ready in {time.perf_counter() - start:.2f} s (cached after the first run)")
    report(f"dev corpus x{args.repeat}", dev_inputs(args.repeat))
    if (args.shared / "bench/article-pages").is_dir():
        report("benchmark article pages", page_inputs(args.shared))
    else:
        print(f"no {args.shared / 'bench/article-pages'}: the article pages are skipped")


if __name__ == "__main__":
    main()
