"""`verify-release`, `release-diff`: published releases checked and compared."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("verify-release")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_release_cmd(outdir: Path) -> None:
    """Check every file of a published release against its MANIFEST.sha256 (exit 1 on any
    changed, missing or added file)."""
    from ..export.release import verify_release

    report = verify_release(outdir)
    click.echo(str(report))
    if not report.ok:
        raise SystemExit(1)


@click.command("release-diff")
@click.argument("old")
@click.argument("new")
def release_diff_cmd(old: str, new: str) -> None:
    """Stations added, changed (status, bureau, confidence) and retracted between two releases.

    OLD and NEW are release folders, or versions kept in the data directory by `publish`.
    """
    from ..export.release import diff_stations, read_stations
    from ..settings import load_settings

    def folder(arg: str) -> Path:
        path = Path(arg)
        if path.is_dir():
            return path
        kept = load_settings().data_dir / "releases" / arg
        if arg and "/" not in arg and kept.is_dir():
            return kept
        raise click.BadParameter(f"{arg!r} is neither a release folder nor a kept release "
                                 "version")

    click.echo(str(diff_stations(read_stations(folder(old)), read_stations(folder(new)))))
