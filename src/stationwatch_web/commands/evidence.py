"""Evidence commands: `ingest`, `watch`, `worker`, `reextract`, `verify`."""

from __future__ import annotations

import sys

import click

from stationwatch_web.setup import database_ready


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
    database_ready(migrate=True, load_reference=False)
    from stationwatch.ingest.sources import is_url
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
        paths = [i for i in items if not is_url(i)]
        if paths:
            ingest_paths(paths, tags=tags, report=report)
        urls = [i for i in items if is_url(i)]
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

    database_ready(migrate=True, load_reference=False)
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
    database_ready(migrate=True, load_reference=False)
    from django.core.management import call_command

    call_command("db_worker", batch=batch, startup_delay=False, reload=False, interval=1)


@click.command()
@click.option("--all", "everything", is_flag=True,
              help="Every stored source, not only those an older extractor read.")
def reextract(everything: bool) -> None:
    """Run the current extractor again: unreviewed candidates are replaced; reviewed claims it
    no longer proposes are flagged for re-review, never changed."""
    database_ready(migrate=True, load_reference=False)
    from stationwatch_web.review.services import claims_reextract

    click.echo(str(claims_reextract(everything=everything)))


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
    database_ready(migrate=False)
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
