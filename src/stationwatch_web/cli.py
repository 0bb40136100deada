"""Commands the web app adds to ``stationwatch``. Django is imported only when one runs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


def setup_django() -> None:
    """Configure Django from the core settings (call before touching models)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stationwatch_web.settings")
    import django

    django.setup()


def prepare_database(*, verbosity: int = 0, load_reference: bool | None = None) -> str:
    """Apply migrations; load the bundled reference data into an empty database."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from stationwatch.reference import load_reference as parse_reference
    from stationwatch_web.atlas.models import Station
    from stationwatch_web.atlas.services import reference_load

    settings.SW.data_dir.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=verbosity)
    wanted = settings.SW.load_reference_on_start if load_reference is None else load_reference
    if wanted and not Station.objects.exists():
        return str(reference_load(data=parse_reference()))
    return "database ready"


@click.command()
@click.option("--host", help="Address to listen on (default from settings: 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default from settings: 8000).")
@click.option("--no-reference", is_flag=True, help="Do not load reference data on first run.")
def serve(host: str | None, port: int | None, no_reference: bool) -> None:
    """Serve the atlas and the app (migrations applied, reference data loaded on first run)."""
    message = prepare_database(load_reference=False if no_reference else None)
    from django.conf import settings
    from waitress import serve as waitress_serve

    from stationwatch_web.wsgi import application

    sw = settings.SW
    host = host or sw.host
    port = port if port is not None else sw.port
    db = sw.database_url.split("@")[-1] if sw.database_url else str(sw.sqlite_path)
    click.echo(f"{message}\ndatabase: {db}\nserving on http://{host}:{port}/ (Ctrl-C stops)")
    waitress_serve(application, host=host, port=port, threads=sw.threads, ident="stationwatch")


@click.command("load-reference")
@click.option("--stations", type=click.Path(path_type=Path, dir_okay=False),
              help="Stations CSV instead of the bundled one.")
@click.option("--responses", type=click.Path(path_type=Path, dir_okay=False),
              help="Responses CSV instead of the bundled one.")
def load_reference_cmd(stations: Path | None, responses: Path | None) -> None:
    """Load reference stations and responses (idempotent; one transaction)."""
    from stationwatch.reference import load_reference

    data = load_reference(stations, responses)  # validate every row before touching the DB
    prepare_database(load_reference=False)
    from stationwatch_web.atlas.services import reference_load

    click.echo(str(reference_load(data=data)))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--tag", "tags", multiple=True, help="Label the new sources (repeatable).")
def ingest(paths: tuple[str, ...], tags: tuple[str, ...]) -> None:
    """Store files, folders, PDFs, WARC and JSONL archives as sources with candidate claims.

    Bytes already stored are reported as already had; an item that cannot be read is listed
    with its reason and the rest go on (exit status 1 when any failed).
    """
    prepare_database(load_reference=False)
    from stationwatch_web.evidence.ingest import ingest_paths

    report = ingest_paths(list(paths), tags=tags, progress=sys.stderr.isatty())
    click.echo(str(report))
    if report.failed:
        raise SystemExit(1)


@click.command()
def verify() -> None:
    """Re-hash every evidence blob and check each stored source has its blob."""
    prepare_database(load_reference=False)
    from stationwatch_web.evidence.verify import evidence_verify

    report = evidence_verify()
    click.echo(str(report))
    if not report.ok:
        raise SystemExit(1)


@click.command()
def migrate() -> None:
    """Create or upgrade the database schema."""
    click.echo(prepare_database(verbosity=1, load_reference=False))


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
               add_help_option=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (e.g. `stationwatch manage createsuperuser`)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{Path(sys.argv[0]).name} manage", *args])


def register(group: click.Group) -> None:
    for command in (serve, load_reference_cmd, ingest, verify, migrate, manage):
        group.add_command(command)
