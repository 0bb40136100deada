"""Administration: `load-reference`, `backup`, `restore`, `case-keys`, `audit-keys`,
`migrate`, `manage`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from stationwatch_web.setup import database_ready, django_setup


@click.command("load-reference")
@click.option("--stations", type=click.Path(path_type=Path, dir_okay=False),
              help="Stations CSV instead of the bundled one.")
@click.option("--responses", type=click.Path(path_type=Path, dir_okay=False),
              help="Responses CSV instead of the bundled one.")
def load_reference_cmd(stations: Path | None, responses: Path | None) -> None:
    """Load reference stations and responses (idempotent; one transaction)."""
    from stationwatch.places.reference import load_reference

    data = load_reference(stations, responses)  # validate every row before touching the DB
    database_ready(migrate=True, load_reference=False)
    from stationwatch_web.atlas.services import reference_load

    click.echo(str(reference_load(data=data)))


#: Where an unattended backup or restore finds the passphrase (never on the command line,
#: where other users of the machine see it in the process list).
PASSPHRASE_ENV = "STATIONWATCH_BACKUP_PASSPHRASE"  # noqa: S105 - a variable's name


def _passphrase(*, confirm: bool) -> str:
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given
    try:
        return str(click.prompt("Backup passphrase", hide_input=True,
                                confirmation_prompt=confirm, err=True))
    except click.Abort:
        raise click.ClickException(f"no passphrase given: type it when asked, or set "
                                   f"{PASSPHRASE_ENV}") from None


@click.command()
@click.argument("archive", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--encrypt", is_flag=True,
              help=f"Encrypt the archive with a passphrase (asked for, or ${PASSPHRASE_ENV}); "
                   "without it the archive opens nothing.")
def backup(archive: Path, encrypt: bool) -> None:
    """Write the database and every evidence blob to a new, verified archive (.tar.gz)."""
    database_ready(migrate=True, load_reference=False)
    from stationwatch.passfile import check_passphrase
    from stationwatch_web.backup import backup as make_backup

    passphrase = check_passphrase(_passphrase(confirm=True)) if encrypt else None
    manifest = make_backup(archive, passphrase=passphrase)
    blobs = sum(1 for name in manifest.files if name.startswith("evidence/"))
    click.echo(f"wrote {archive}: {manifest.database} database, {blobs} blobs, "
               f"{manifest.counts['audit.AuditEvent']} audit entries; "
               f"{'encrypted, ' if encrypt else ''}verified")


@click.command()
@click.argument("archive", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--force", is_flag=True,
              help="Replace a database that already holds data; restore an archive whose "
                   "manifest is not signed by this installation's audit key ring.")
def restore(archive: Path, force: bool) -> None:
    """Restore an archive written by `backup` (checked before anything is touched); an
    encrypted one asks for its passphrase (or reads $STATIONWATCH_BACKUP_PASSPHRASE)."""
    database_ready(migrate=True, load_reference=False)
    from stationwatch.passfile import is_encrypted
    from stationwatch_web.backup import restore as do_restore

    passphrase = _passphrase(confirm=False) if is_encrypted(archive) else None
    result = do_restore(archive, force=force, passphrase=passphrase)
    if result["unchecked"]:
        click.echo(f"warning: restored without checking the archive's origin: "
                   f"{result['unchecked']}. Its member hashes were checked; run "
                   f"`stationwatch verify` to check the audit log's keyed entries.", err=True)
    click.echo(f"restored {archive}: {result['blobs']} blobs; counts {result['counts']}; "
               f"audit head {result['audit_head'][:16]}…")


@click.command("case-keys")
@click.argument("action", type=click.Choice(["init", "rotate"]))
def case_keys(action: str) -> None:
    """Create the key ring that seals cases' sensitive fields, or rotate it (every field is
    sealed again with a new key and the old keys are dropped)."""
    database_ready(migrate=True, load_reference=False)
    from stationwatch_web.cases.services import case_keys_init, case_keys_rotate

    click.echo(case_keys_init() if action == "init" else case_keys_rotate())


@click.command("audit-keys")
@click.argument("action", type=click.Choice(["rotate"]))
def audit_keys(action: str) -> None:
    """Key new audit entries with a new key; the old keys stay in the ring (audit-keys.json)
    so older entries still verify."""
    database_ready(migrate=True, load_reference=False)
    from stationwatch_web.audit.keys import audit_keyring, audit_keys_rotate
    from stationwatch_web.audit.services import audit_record

    old = audit_keyring()
    message = audit_keys_rotate()
    new = audit_keyring()
    audit_record(action="audit_keys.rotate", detail={
        "from": old.active if old else "", "to": new.active if new else ""})
    click.echo(message)


@click.command()
def migrate() -> None:
    """Create or upgrade the database schema."""
    click.echo(database_ready(migrate=True, verbosity=1, load_reference=False))


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
               add_help_option=False)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (e.g. `stationwatch manage createsuperuser`)."""
    django_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{Path(sys.argv[0]).name} manage", *args])
