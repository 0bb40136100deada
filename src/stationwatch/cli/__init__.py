"""The ``stationwatch`` command: a click group whose commands are thin over the library.

The commands live by domain: extract.py (extract, eval, train, inflections), scan.py,
export.py (verify-release, release-diff), reference.py (check-reference). Packages add
commands through the ``stationwatch.commands`` entry-point group (the web app adds ``serve``,
``ingest``...); the core never imports them itself.
"""

from __future__ import annotations

import logging
import sys
from importlib.metadata import entry_points

import click

from .. import __version__
from ..errors import StationwatchError
from .export import release_diff_cmd, verify_release_cmd
from .extract import eval_cmd, extract_cmd, inflections_cmd, train_cmd
from .reference import check_reference
from .scan import scan_cmd

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


for _command in (check_reference, extract_cmd, eval_cmd, inflections_cmd, train_cmd, scan_cmd,
                 verify_release_cmd, release_diff_cmd):
    main.add_command(_command)


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
