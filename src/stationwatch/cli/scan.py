"""`scan`: archive-scale scanning of WARC and JSONL corpora (and `--into-db`)."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import click

from ..errors import StationwatchError


@click.command("scan")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Output JSONL: one line per relevant record (and per unreadable record).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Processes (or Dask LocalCluster workers); default: every core.")
@click.option("--dask", metavar="local|tcp://HOST:PORT",
              help="Run on a Dask LocalCluster, or on the scheduler at this address.")
@click.option("--resume", is_flag=True, help="Continue an interrupted scan of the same --out.")
@click.option("--all", "all_records", is_flag=True,
              help='Write irrelevant records too, with "relevant": false.')
@click.option("--into-db", is_flag=True,
              help="Also store the hits in the database as Sources with candidate claims.")
def scan_cmd(inputs: tuple[str, ...], out: Path, workers: int | None, dask: str | None,
             resume: bool, all_records: bool, into_db: bool) -> None:
    """Scan WARC and JSONL corpora (files, directories, globs) for relevant records.

    Each input file is one task; records pass a byte-level prefilter before the full
    extraction. Output lines follow the `extract` schema plus source_file, warc_record_id and
    offset.
    """

    from ..pipeline import ScanOptions, scan

    sink = _sink("db")() if into_db else None  # fail before scanning, not after
    summary = scan(list(inputs), ScanOptions(
        out=out, workers=workers, dask=dask, resume=resume, all_records=all_records,
        progress=sys.stderr.isatty(), sink=sink))
    click.echo(f"{summary} -> {out}", err=True)
    if sink is not None:
        click.echo(str(sink), err=True)
    if summary.failed:
        raise SystemExit(1)


def _sink(name: str) -> Any:
    """A destination for scan hits provided by another package (the web app's database)."""
    for ep in entry_points(group="stationwatch.sinks", name=name):
        try:
            return ep.load()
        except ImportError as exc:
            raise StationwatchError(f"--into-db needs the web app: pip install "
                                    f"'stationwatch[web]' ({exc})") from None
    raise StationwatchError("--into-db needs the web app: pip install 'stationwatch[web]'")
