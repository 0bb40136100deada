"""The database made ready for a command or the scan sink: Django configured, the schema
migrated (or, for read-only commands, checked), the roles present, the bundled reference data
loaded into an empty atlas when asked. Raises the project's own errors, never click's: the
command line turns them into one-line messages."""

from __future__ import annotations

import os
import sys

from stationwatch.errors import StationwatchError


class SetupError(StationwatchError):
    """The database cannot be made ready (the message says why and what to run)."""


def django_setup() -> None:
    """Configure Django from the core settings (call before touching models)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stationwatch_web.settings")
    import django

    django.setup()


def database_ready(*, migrate: bool, verbosity: int = 0,
                   load_reference: bool | None = None) -> str:
    """Make the database ready. With ``migrate``, apply migrations, create the roles and (the
    setting ``load_reference_on_start``, or ``load_reference``) load the bundled reference
    data into an empty atlas. Without (read-only commands: export, verify), change nothing:
    a schema that is not up to date is a ``SetupError`` naming `stationwatch migrate`."""
    django_setup()
    from django.conf import settings

    from stationwatch_web.datadir import data_dir_create, permission_warnings

    # Read-only commands warn too: a world-readable data directory is worth saying every time.
    for warning in permission_warnings(settings.SW.data_dir):
        print(warning, file=sys.stderr)
    if not migrate:
        _check_schema()
        return "database ready"
    from django.core.management import call_command

    data_dir_create(settings.SW.data_dir)
    try:
        call_command("migrate", interactive=False, verbosity=verbosity)
    except Exception as exc:  # each migration is one transaction: the failed one left nothing
        raise SetupError(
            f"the database schema could not be brought up to date, so nothing starts: "
            f"{type(exc).__name__}: {exc}. The failed step was rolled back; fix the cause, "
            "then run `stationwatch migrate`.") from None
    from stationwatch_web.access import ensure_roles

    ensure_roles()
    wanted = settings.SW.load_reference_on_start if load_reference is None else load_reference
    if wanted:
        from stationwatch.places.reference import BUNDLED_VERSION
        from stationwatch.places.reference import load_reference as parse_reference
        from stationwatch_web.atlas.models import Station
        from stationwatch_web.atlas.services import loaded_version, reference_load

        if not Station.objects.exists():
            return str(reference_load(data=parse_reference()))
        loaded = loaded_version()
        if loaded is not None and loaded != BUNDLED_VERSION and \
                not loaded.startswith("sha256:"):  # an older bundled edition: upgrade
            return f"reference data {BUNDLED_VERSION}: " + str(
                reference_load(data=parse_reference()))
    return "database ready"


def _check_schema() -> None:
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # noqa: BLE001 # no database, or one that cannot be opened
        raise SetupError(f"the database cannot be read ({type(exc).__name__}: {exc}); run "
                         f"`stationwatch migrate` first") from None
    if pending:
        raise SetupError(f"the database schema is not up to date ({len(pending)} migration(s) "
                         f"to apply); this command changes nothing: run `stationwatch "
                         f"migrate` first")
