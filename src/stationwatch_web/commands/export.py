"""Ways out: `export` (one file of the published records) and `publish` (the static atlas
and the data release)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from stationwatch.export import formats
from stationwatch_web.setup import database_ready


@click.command()
@click.argument("name", type=click.Choice(formats.LIVE))
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: standard output).")
def export(name: str, out: Path | None) -> None:
    """Write an export of the published records (the same files as the web app's /exports/)."""
    database_ready(migrate=False)
    from stationwatch_web.atlas import exports

    chunks = exports.stream(name)
    if out is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        for chunk in chunks:
            fh.write(chunk)
    tmp.replace(out)  # a reader never sees half a file
    click.echo(f"wrote {out}", err=True)


@click.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--release", "version", metavar="VERSION",
              help="Release number (default: the next one, or the same one when the data "
                   "has not changed since the last release).")
@click.option("--allow-unreviewed", is_flag=True,
              help="Publish even when records rest on unreviewed claims (recorded in the "
                   "audit log).")
@click.option("--languages", metavar="LANG,...",
              help="The pages' languages, e.g. zh-hans,en (default: every complete one); "
                   "English is at the root, each other language in a folder of its own.")
def publish(outdir: Path, version: str | None, allow_unreviewed: bool,
            languages: str | None) -> None:
    """Write the static atlas and the data release (CSV, GeoJSON, JSON, datapackage.json,
    MANIFEST.sha256) of the published records to OUTDIR; the same data gives the same bytes."""
    database_ready(migrate=True, load_reference=False)
    from stationwatch_web.publish.services import publish as do_publish

    def progress(message: str) -> None:
        click.echo(f"{message}...", err=True)

    from django.conf import settings

    chosen = ([lang.strip().lower() for lang in languages.split(",") if lang.strip()]
              if languages else [code for code, _name in settings.LANGUAGES])
    click.echo(str(do_publish(outdir, version=version, allow_unreviewed=allow_unreviewed,
                              progress=progress if sys.stderr.isatty() else None,
                              languages=chosen)))
