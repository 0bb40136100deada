"""Commands the web app adds to ``stationwatch`` (the ``stationwatch.commands`` entry point).
They live by domain in ``commands/``; Django is imported only when one runs."""

from __future__ import annotations

import click

from .commands.admin import (
    audit_keys,
    backup,
    case_keys,
    load_reference_cmd,
    manage,
    migrate,
    restore,
)
from .commands.evidence import ingest, reextract, verify, watch, worker
from .commands.export import export, publish
from .commands.serve import serve


def register(group: click.Group) -> None:
    for command in (serve, load_reference_cmd, ingest, watch, worker, reextract, export, verify,
                    backup, restore, case_keys, audit_keys, publish, migrate, manage):
        group.add_command(command)
