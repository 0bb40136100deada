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

    from stationwatch.reference import BUNDLED_VERSION
    from stationwatch.reference import load_reference as parse_reference
    from stationwatch_web.atlas.models import Station
    from stationwatch_web.atlas.services import loaded_version, reference_load
    from stationwatch_web.datadir import data_dir_create, permission_warnings

    data_dir_create(settings.SW.data_dir)
    for warning in permission_warnings(settings.SW.data_dir):
        click.echo(warning, err=True)
    try:
        call_command("migrate", interactive=False, verbosity=verbosity)
    except Exception as exc:  # each migration is one transaction: the failed one left nothing
        raise click.ClickException(
            f"the database schema could not be brought up to date, so nothing starts: "
            f"{type(exc).__name__}: {exc}. The failed step was rolled back; fix the cause, "
            "then run `stationwatch migrate`.") from None
    from stationwatch_web.access import ensure_roles

    ensure_roles()
    wanted = settings.SW.load_reference_on_start if load_reference is None else load_reference
    if wanted and not Station.objects.exists():
        return str(reference_load(data=parse_reference()))
    loaded = loaded_version()
    if wanted and loaded is not None and loaded != BUNDLED_VERSION and \
            not loaded.startswith("sha256:"):  # an older bundled edition: upgrade
        return f"reference data {BUNDLED_VERSION}: " + str(reference_load(data=parse_reference()))
    return "database ready"


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

    message = prepare_database(load_reference=False if no_reference else None)
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


def _is_url(item: str) -> bool:
    """Anything shaped like ``scheme:`` + ``//`` is a URL (refused unless http or https)."""
    import re

    return re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", item) is not None


@click.command()
@click.argument("items", nargs=-1)
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="Add an RSS/Atom feed (remembered for `watch`) and ingest its new entries.")
@click.option("--tag", "tags", multiple=True, help="Label the new sources (repeatable).")
def ingest(items: tuple[str, ...], feeds: tuple[str, ...], tags: tuple[str, ...]) -> None:
    """Store files, folders, PDFs, WARC and JSONL archives, and captured URLs, as sources with
    candidate claims.

    ITEMS are paths or http(s) URLs. URLs are captured through the hardened client and kept as
    WARC records too. Bytes already stored are reported as already had; an item that cannot be
    read is listed with its reason and the rest go on (exit status 1 when any failed).
    """
    if not items and not feeds:
        raise click.UsageError("give at least one path, URL or --feed URL")
    prepare_database(load_reference=False)
    from stationwatch_web.evidence.ingest import (
        IngestReport,
        capture_urls,
        feed_add,
        ingest_paths,
        poll_feeds,
        progress_bar,
    )

    report = IngestReport()
    close = progress_bar(report) if sys.stderr.isatty() else None
    try:
        paths = [i for i in items if not _is_url(i)]
        if paths:
            ingest_paths(paths, tags=tags, report=report)
        urls = [i for i in items if _is_url(i)]
        if urls:
            capture_urls(urls, tags=tags, report=report)
        if feeds:
            poll_feeds([feed_add(url, tags=tags) for url in feeds], report=report)
    finally:
        if close is not None:
            close()
    click.echo(str(report))
    if report.failed:
        raise SystemExit(1)


@click.command()
@click.option("--once", is_flag=True, help="Poll every feed once, then exit.")
@click.option("--interval", type=click.IntRange(min=10), default=900, show_default=True,
              help="Seconds between polls.")
def watch(once: bool, interval: int) -> None:
    """Poll the feeds (settings `feeds` and those added with `ingest --feed`) and ingest new
    entries; ETag and Last-Modified keep unchanged feeds from being downloaded again."""
    import time

    prepare_database(load_reference=False)
    from django.conf import settings

    from stationwatch_web.evidence.ingest import feed_add, poll_feeds
    from stationwatch_web.evidence.models import Feed

    for url in settings.SW.feeds:
        feed_add(url)
    while True:
        feeds = list(Feed.objects.filter(active=True))
        if not feeds:
            raise click.ClickException("no feeds to watch: add one with "
                                       "`stationwatch ingest --feed URL` or the `feeds` setting")
        report = poll_feeds(feeds)
        click.echo(str(report), err=bool(report.failed))
        if once:
            return
        time.sleep(interval)


@click.command()
@click.option("--batch", is_flag=True, help="Run the queued jobs, then exit.")
def worker(batch: bool) -> None:
    """Run background jobs (uploads and captures queued in the web app)."""
    prepare_database(load_reference=False)
    from django.core.management import call_command

    call_command("db_worker", batch=batch, startup_delay=False, reload=False, interval=1)


@click.command()
@click.option("--head", "head_only", is_flag=True,
              help="Print the audit log's head checkpoint (to write down or publish) and exit.")
@click.option("--expect-head", metavar="SEQ:HASH",
              help="A head written down or published earlier: the log must still hold it.")
def verify(head_only: bool, expect_head: str | None) -> None:
    """Re-hash every evidence blob, check each stored source has its blob, and check the audit
    log: its hash chain and keyed entries (naming the first entry where they break), its head
    against the checkpoint outside the database, each source's blob against its audit entry,
    and the append-only triggers."""
    prepare_database(load_reference=False)
    from stationwatch_web.audit.integrity import audit_check, audit_expect_head
    from stationwatch_web.audit.keys import head_path, head_read

    if head_only:
        head = head_read()
        if head is None:
            raise click.ClickException(f"no audit head checkpoint at {head_path()} yet")
        click.echo(f"audit head: {head}")
        return
    from stationwatch_web.evidence.verify import evidence_verify

    report = evidence_verify()
    click.echo(str(report))
    audit = audit_check()
    if expect_head:
        audit_expect_head(audit, expect_head)
    click.echo(str(audit))
    if not report.ok or not audit.ok:
        raise SystemExit(1)


@click.command()
@click.option("--all", "everything", is_flag=True,
              help="Every stored source, not only those an older extractor read.")
def reextract(everything: bool) -> None:
    """Run the current extractor again: unreviewed candidates are replaced; reviewed claims it
    no longer proposes are flagged for re-review, never changed."""
    prepare_database(load_reference=False)
    from stationwatch_web.review.services import claims_reextract

    click.echo(str(claims_reextract(everything=everything)))


@click.command()
@click.argument("name", type=click.Choice(["stations.csv", "stations.geojson", "stations.json",
                                           "responses.csv"]))
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: standard output).")
def export(name: str, out: Path | None) -> None:
    """Write an export of the published records (the same files as the web app's /exports/)."""
    prepare_database(load_reference=False)
    from stationwatch_web.atlas import exports

    makers = {"stations.csv": exports.stations_csv, "stations.geojson": exports.stations_geojson,
              "stations.json": exports.stations_json}
    chunks = exports.responses_csv() if name == "responses.csv" else makers[name]()
    if out is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        for chunk in chunks:
            fh.write(chunk)
    tmp.replace(out)  # a reader never sees half a file
    click.echo(f"wrote {out}", err=True)


@click.command()
@click.argument("archive", type=click.Path(path_type=Path, dir_okay=False))
def backup(archive: Path) -> None:
    """Write the database and every evidence blob to a new, verified archive (.tar.gz)."""
    prepare_database(load_reference=False)
    from stationwatch_web.backup import backup as make_backup

    manifest = make_backup(archive)
    blobs = sum(1 for name in manifest.files if name.startswith("evidence/"))
    click.echo(f"wrote {archive}: {manifest.database} database, {blobs} blobs, "
               f"{manifest.counts['audit.AuditEvent']} audit entries; verified")


@click.command()
@click.argument("archive", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--force", is_flag=True,
              help="Replace a database that already holds data; restore an archive whose "
                   "manifest is not signed by this installation's audit key ring.")
def restore(archive: Path, force: bool) -> None:
    """Restore an archive written by `backup` (checked before anything is touched)."""
    prepare_database(load_reference=False)
    from stationwatch_web.backup import restore as do_restore

    result = do_restore(archive, force=force)
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
    prepare_database(load_reference=False)
    from stationwatch_web.cases.services import case_keys_init, case_keys_rotate

    click.echo(case_keys_init() if action == "init" else case_keys_rotate())


@click.command("audit-keys")
@click.argument("action", type=click.Choice(["rotate"]))
def audit_keys(action: str) -> None:
    """Key new audit entries with a new key; the old keys stay in the ring (audit-keys.json)
    so older entries still verify."""
    prepare_database(load_reference=False)
    from stationwatch_web.audit.keys import audit_keyring, audit_keys_rotate
    from stationwatch_web.audit.services import audit_record

    old = audit_keyring()
    message = audit_keys_rotate()
    new = audit_keyring()
    audit_record(action="audit_keys.rotate", detail={
        "from": old.active if old else "", "to": new.active if new else ""})
    click.echo(message)


@click.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--release", "version", metavar="VERSION",
              help="Release number (default: the next one, or the same one when the data "
                   "has not changed since the last release).")
@click.option("--allow-unreviewed", is_flag=True,
              help="Publish even when records rest on unreviewed claims (recorded in the "
                   "audit log).")
def publish(outdir: Path, version: str | None, allow_unreviewed: bool) -> None:
    """Write the static atlas and the data release (CSV, GeoJSON, JSON, datapackage.json,
    MANIFEST.sha256) of the published records to OUTDIR; the same data gives the same bytes."""
    prepare_database(load_reference=False)
    from stationwatch_web.publish.services import publish as do_publish

    def progress(message: str) -> None:
        click.echo(f"{message}...", err=True)

    click.echo(str(do_publish(outdir, version=version, allow_unreviewed=allow_unreviewed,
                              progress=progress if sys.stderr.isatty() else None)))


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
    for command in (serve, load_reference_cmd, ingest, watch, worker, reextract, export, verify,
                    backup, restore, case_keys, audit_keys, publish, migrate, manage):
        group.add_command(command)
