"""`serve`: the atlas and the app, with a background worker beside it.

On POSIX the app is served by gunicorn: ``workers`` pre-forked processes (the app loaded once,
before the fork) of ``threads`` threads each, so one slow page never holds the others and the
atlas scales over the machine's cores. On Windows, where gunicorn does not run, waitress serves
it in one process.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from typing import Any

import click

from stationwatch_web.setup import database_ready

#: Seconds a stopping server gives requests in flight (gunicorn's default, 30, is long for
#: Ctrl-C on a laptop).
GRACEFUL_SECONDS = 2


def port_check(host: str, port: int) -> None:
    """Raise a one-line ClickException when ``host:port`` cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise click.ClickException(
                    f"port {port} on {host} is already in use: stop what listens there, or "
                    f"choose another port with --port or the `port` setting "
                    f"(STATIONWATCH_PORT)") from None
            raise click.ClickException(
                f"cannot listen on {host}:{port}: {exc.strerror}; check the `host` and "
                f"`port` settings (STATIONWATCH_HOST, STATIONWATCH_PORT)") from None


def _gunicorn(application: Any, *, host: str, port: int, workers: int, threads: int) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {
                "bind": f"[{host.strip('[]')}]:{port}" if ":" in host else f"{host}:{port}",
                "workers": workers, "threads": threads, "worker_class": "gthread",
                "preload_app": True, "graceful_timeout": GRACEFUL_SECONDS,
                "proc_name": "stationwatch", "accesslog": None, "errorlog": "-",
                "loglevel": "warning", "control_socket_disable": True,
            }.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()


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

    from django.conf import settings as django_settings

    from stationwatch.settings import load_settings

    sw = load_settings()
    host = host or sw.host
    port = port if port is not None else sw.port
    port_check(host, port)  # before migrating: a busy port is one line, not a traceback
    message = database_ready(migrate=True, load_reference=False if no_reference else None)
    _catalogues_compiled()
    from stationwatch_web.wsgi import application

    sw = django_settings.SW
    db = sw.database_url.split("@")[-1] if sw.database_url else str(sw.sqlite_path)
    click.echo(f"{message}\ndatabase: {db}\nserving on http://{host}:{port}/ (Ctrl-C stops)")
    # SIGTERM ends the server like Ctrl-C does, so the worker is stopped with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    child = None if no_worker else subprocess.Popen(
        [sys.executable, "-c", "from stationwatch.cli import main; main()", "worker"])
    try:
        if os.name == "posix":
            _gunicorn(application, host=host, port=port, workers=sw.workers, threads=sw.threads)
        else:
            from waitress import serve as waitress_serve

            waitress_serve(application, host=host, port=port, threads=sw.threads,
                           ident="stationwatch")
    finally:
        if child is not None:
            child.terminate()
            child.wait(10)


def _catalogues_compiled() -> None:
    """An install that skipped `make install`'s compile step (pip alone) still serves every
    language: catalogues missing or older than their .po are compiled (milliseconds when none
    is). A package folder this user cannot write is said once, and English is served."""
    from stationwatch_web.catalogues import compile_catalogues

    try:
        compile_catalogues()
    except OSError as exc:
        click.echo(f"warning: the translation catalogues could not be compiled ({exc}); "
                   "pages are served in English", err=True)
