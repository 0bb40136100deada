"""`serve`: the atlas and the app, with a background worker beside it."""

from __future__ import annotations

import sys

import click

from stationwatch_web.setup import database_ready


@click.command()
@click.option("--host", help="Address to listen on (default from settings: 127.0.0.1).")
@click.option("--port", type=int, help="Port to listen on (default from settings: 8000).")
@click.option("--no-reference", is_flag=True, help="Do not load reference data on first run.")
@click.option("--no-worker", is_flag=True,
              help="Do not start a background worker (run `stationwatch worker` elsewhere).")
def serve(host: str | None, port: int | None, no_reference: bool, no_worker: bool) -> None:
    """Serve the atlas and the app (migrations applied, reference data loaded on first run),
    with a worker for background jobs beside it."""
    import signal
    import subprocess

    message = database_ready(migrate=True, load_reference=False if no_reference else None)
    from django.conf import settings
    from waitress import serve as waitress_serve

    from stationwatch_web.wsgi import application

    sw = settings.SW
    host = host or sw.host
    port = port if port is not None else sw.port
    db = sw.database_url.split("@")[-1] if sw.database_url else str(sw.sqlite_path)
    click.echo(f"{message}\ndatabase: {db}\nserving on http://{host}:{port}/ (Ctrl-C stops)")
    # SIGTERM ends the server like Ctrl-C does, so the worker is stopped with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    child = None if no_worker else subprocess.Popen(
        [sys.executable, "-c", "from stationwatch.cli import main; main()", "worker"])
    try:
        waitress_serve(application, host=host, port=port, threads=sw.threads,
                       ident="stationwatch")
    finally:
        if child is not None:
            child.terminate()
            child.wait(10)
