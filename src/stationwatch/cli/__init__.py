"""The ``stationwatch`` command: a click group whose commands are thin over the library.

Packages add commands through the ``stationwatch.commands`` entry-point group (the web app
adds ``serve``, ``load-reference``...); the core never imports them itself.
"""

from __future__ import annotations

import logging
import sys
from importlib.metadata import entry_points
from pathlib import Path

import click

from .. import __version__
from ..errors import StationwatchError

log = logging.getLogger(__name__)


class Group(click.Group):
    """Turns library errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StationwatchError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Group)
@click.version_option(__version__, prog_name="stationwatch")
def main() -> None:
    """stationwatch: find, preserve, verify and map reporting on overseas police stations."""


@main.command("check-reference")
@click.option("--stations", type=click.Path(path_type=Path, dir_okay=False),
              help="Stations CSV to check instead of the bundled one.")
@click.option("--responses", type=click.Path(path_type=Path, dir_okay=False),
              help="Responses CSV to check instead of the bundled one.")
def check_reference(stations: Path | None, responses: Path | None) -> None:
    """Validate reference CSV files without touching any database."""
    from ..reference import load_reference

    data = load_reference(stations, responses)
    countries = {s.country for s in data.stations}
    located = sum(1 for s in data.stations if s.city is not None)
    click.echo(f"ok: {len(data.stations)} stations in {len(countries)} countries "
               f"({located} located to a city), {len(data.responses)} responses")


def _load_plugins() -> None:
    for ep in entry_points(group="stationwatch.commands"):
        try:
            register = ep.load()
        except ImportError as exc:  # the web extra is not installed: core commands still work
            log.debug("command plugin %s unavailable: %s", ep.name, exc)
            continue
        register(main)


_load_plugins()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
