"""Benchmark: what parsing each document in a resource-limited child costs.

Loads the dev corpus documents inline (`load_bytes`) and in the child (`load_bytes_limited`),
the same documents in the same run, and reports documents/s for each and their ratio, beside
the full extraction's rate for scale.
Usage: python bench/sandbox.py [SHARED_DIR] [--rounds 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    # Imported here, not at the top: each child re-imports this script as its __main__, and
    # the real entry point (the `stationwatch` console script) is just as light.
    from stationwatch.extract import extract
    from stationwatch.ingest import load_bytes
    from stationwatch.ingest.sandbox import Limits, load_bytes_limited

    parser = argparse.ArgumentParser()
    parser.add_argument("shared", nargs="?", default=str(Path(__file__).parents[2] / "shared"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    docs = sorted((Path(args.shared) / "corpus/dev/docs").iterdir())
    payloads = [(p.name, p.read_bytes()) for p in docs if p.is_file()]
    load_bytes_limited(b"warm up the fork server", limits=Limits(), path="x.txt")
    extract(load_bytes(payloads[0][1], path=payloads[0][0]))  # build the automaton once
    rates: dict[str, list[float]] = {"inline": [], "child": [], "extract": []}
    for _ in range(args.rounds):
        start = time.perf_counter()
        inline = [load_bytes(data, path=name) for name, data in payloads]
        rates["inline"].append(len(payloads) / (time.perf_counter() - start))
        start = time.perf_counter()
        for name, data in payloads:
            load_bytes_limited(data, limits=Limits(), path=name)
        rates["child"].append(len(payloads) / (time.perf_counter() - start))
        start = time.perf_counter()
        for doc in inline:
            extract(doc)
        rates["extract"].append(len(payloads) / (time.perf_counter() - start))
    best = {k: max(v) for k, v in rates.items()}
    print(f"{len(payloads)} documents, best of {args.rounds} rounds")
    for k, v in best.items():
        print(f"  {k:8s} {v:8.1f} documents/s")
    print(f"  child / inline parsing: {best['child'] / best['inline']:.2f}x the rate")
    per_doc = 1 / best["child"] - 1 / best["inline"]
    print(f"  added per document: {per_doc * 1000:.1f} ms; extraction alone takes "
          f"{1000 / best['extract']:.1f} ms")


if __name__ == "__main__":
    main()
