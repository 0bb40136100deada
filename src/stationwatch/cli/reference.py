"""`check-reference`: the bundled (or given) reference CSV files checked, no database."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("check-reference")
@click.option("--stations", type=click.Path(path_type=Path, dir_okay=False),
              help="Stations CSV to check instead of the bundled one.")
@click.option("--responses", type=click.Path(path_type=Path, dir_okay=False),
              help="Responses CSV to check instead of the bundled one.")
def check_reference(stations: Path | None, responses: Path | None) -> None:
    """Validate reference CSV files without touching any database."""
    from ..places.reference import load_reference

    data = load_reference(stations, responses)
    countries = {s.country for s in data.stations}
    located = sum(1 for s in data.stations if s.city is not None)
    click.echo(f"ok: {len(data.stations)} stations in {len(countries)} countries "
               f"({located} located to a city), {len(data.responses)} responses")
