"""Benchmark: HTML -> main text quality and speed, to choose the library by measurement.

Scores with the benchmark's own metric (4-gram shingle precision/recall per page, F1 from the
mean P and R) over ../shared/bench/article-pages, and reports MB/s of HTML, each candidate as a
ratio to the fastest in the same run. Usage: python bench/html_text.py [SHARED_DIR]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 1))} if words else set()


def score(pred: str, truth: str) -> tuple[float, float]:
    p, t = shingles(pred), shingles(truth)
    if not p and not t:
        return 1.0, 1.0
    inter = len(p & t)
    return (inter / len(p) if p else 0.0), (inter / len(t) if t else 0.0)


def candidates() -> dict[str, Callable[[str], str]]:
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def resiliparse_main(html: str) -> str:
        return extract_plain_text(HTMLTree.parse(html), main_content=True)

    def trafilatura_fast(html: str) -> str:
        return trafilatura.extract(html, fast=True) or ""

    return {"resiliparse main_content": resiliparse_main, "trafilatura fast": trafilatura_fast}


def main(shared: Path) -> None:
    pages = shared / "bench" / "article-pages"
    truth = json.loads((pages / "ground-truth.json").read_text())
    docs = [(gzip.decompress((pages / f"{k}.html.gz").read_bytes()).decode("utf-8", "replace"),
             v["articleBody"]) for k, v in truth.items()]
    mb = sum(len(h.encode()) for h, _ in docs) / 1e6
    results = {}
    for name, fn in candidates().items():
        t0 = time.perf_counter()
        outs = [fn(h) for h, _ in docs]
        dt = time.perf_counter() - t0
        ps, rs = zip(*(score(o, t) for o, (_, t) in zip(outs, docs, strict=True)), strict=True)
        p, r = sum(ps) / len(ps), sum(rs) / len(rs)
        results[name] = (2 * p * r / (p + r), p, r, mb / dt)
    fastest = max(v[3] for v in results.values())
    print(f"{len(docs)} pages, {mb:.1f} MB of HTML")
    for name, (f1, p, r, speed) in results.items():
        print(f"{name:28s} F1 {f1:.3f} (P {p:.3f} R {r:.3f})  {speed:7.1f} MB/s  "
              f"{speed / fastest:.2f}x of fastest")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared")
