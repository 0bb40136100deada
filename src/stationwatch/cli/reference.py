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
    """Validate reference CSV files without touching any database: every row well formed,
    and no station's status behind what the responses concerning it say (exit status 1)."""
    from ..places.reference import contradictions, load_reference

    data = load_reference(stations, responses)
    countries = {s.country for s in data.stations}
    located = sum(1 for s in data.stations if s.city is not None)
    found = contradictions(data)
    for c in found:
        click.echo(f"contradiction: {c}", err=True)
    if found:
        raise click.ClickException(f"{len(found)} station(s) disagree with their responses")
    click.echo(f"ok: {len(data.stations)} stations in {len(countries)} countries "
               f"({located} located to a city), {len(data.responses)} responses, "
               "statuses agree with the responses")
