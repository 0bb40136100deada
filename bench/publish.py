"""Benchmark: `stationwatch publish` on a large generated atlas in SQLite.

Generates published stations with accepted claims (the generator of bench/atlas.py), then
publishes the release twice into fresh folders and checks the two are byte-identical. Reports
the time, stations/s and files written, and the ratio to the stations.csv export of the same
data measured in the same run (the machine is shared and noisy).
Usage: python bench/publish.py [--stations 10000] [--claims 50000] [--sources 50000]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--sources", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        from atlas import generated_atlas

        generated_atlas(tmp, args.stations, args.claims, args.sources)
        from stationwatch_web.atlas import exports
        from stationwatch_web.publish.services import publish

        t = time.perf_counter()
        rows = sum(1 for _ in exports.stations_csv()) - 1
        export_s = time.perf_counter() - t
        timings = []
        for name in ("a", "b"):
            t = time.perf_counter()
            result = publish(Path(tmp) / name, allow_unreviewed=True)
            timings.append(time.perf_counter() - t)
        same = tree(Path(tmp) / "a") == tree(Path(tmp) / "b")
        files = sum(1 for p in (Path(tmp) / "a").rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in (Path(tmp) / "a").rglob("*") if p.is_file())
        best = min(timings)
        print(f"stations.csv export: {rows:,} rows in {export_s:.2f} s (baseline)")
        print(f"publish: {result.release.counts['stations']:,} stations, {files:,} files, "
              f"{size / 1e6:.1f} MB in {best:.1f} s (best of 2: {timings[0]:.1f}, "
              f"{timings[1]:.1f}); {result.release.counts['stations'] / best:,.0f} stations/s; "
              f"{best / export_s:.1f}x the export")
        print(f"byte-identical second publish: {same}")


if __name__ == "__main__":
    main()
