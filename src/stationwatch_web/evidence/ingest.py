"""`stationwatch ingest`: files, folders, archives, URLs and feeds into the evidence store, with
candidate claims. One document at a time, each in its own transaction after its blob is on
disk, so a killed run loses nothing and a re-run duplicates nothing ("already have it")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.utils import timezone

from stationwatch.capture import (
    FEED_TYPES,
    CaptureError,
    Fetched,
    FetchPolicy,
    capture_warc,
    fetch,
    parse_feed,
)
from stationwatch.errors import DocumentError, StationwatchError
from stationwatch.ingest.sandbox import Limits
from stationwatch.ingest.sources import MAX_FILE_BYTES, Item, expand, items
from stationwatch.pipeline.documents import Read, item_fetched, read
from stationwatch_web.audit.services import audit_record

from .models import Feed, FeedEntry
from .services import CaptureMeta, source_store

__all__ = ["MAX_FILE_BYTES", "IngestReport", "capture_urls", "feed_add", "ingest_paths",
           "poll_feeds", "progress_bar"]


@dataclass
class IngestReport:
    created: int = 0
    already: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Called after each document (stored, already had or failed) and after each item.
    on_document: Callable[[IngestReport], None] | None = field(default=None, repr=False)
    on_item: Callable[[IngestReport], None] | None = field(default=None, repr=False)

    def document_done(self) -> None:
        if self.on_document is not None:
            self.on_document(self)

    def item_done(self) -> None:
        if self.on_item is not None:
            self.on_item(self)

    def __str__(self) -> str:
        text = "".join(f"{note}\n" for note in self.notes)
        text += (f"stored {self.created} new sources with {self.claims} candidate claims; "
                 f"already had {self.already}")
        if self.skipped:
            text += f"; skipped {len(self.skipped)} files of other types"
        if self.failed:
            text += f"; {len(self.failed)} failed:\n" + "\n".join(
                f"  {where}: {why}" for where, why in self.failed)
        return text


def progress_bar(report: IngestReport) -> Callable[[], None]:
    """Show a documents/s progress bar on the terminal for ``report``; returns its closer."""
    from tqdm import tqdm

    bar = tqdm(unit="doc", dynamic_ncols=True, leave=False)
    report.on_document = lambda _r: bar.update(1)
    return bar.close


def ingest_paths(paths: list[str], *, tags: tuple[str, ...] = (),
                 report: IngestReport | None = None,
                 origin_names: dict[str, str] | None = None,
                 staged: bool = False) -> IngestReport:
    """Ingest files and folders (never stationwatch's own data directory, should a folder
    contain it or a path name it). ``origin_names`` maps a path to the name recorded as its
    origin (an uploaded file's own name rather than where the upload was kept); ``staged``:
    the paths are uploads the app itself staged in its data directory, to be read."""
    report = report if report is not None else IngestReport()
    limits = parser_limits()
    exclude = None if staged else settings.SW.data_dir
    for found in expand(paths, exclude=exclude, skipped=report.skipped.append):
        if isinstance(found, Item):
            _fail(report, found.where, found.error or "")
            report.document_done()
        else:
            origin = (origin_names or {}).get(str(found), str(found))
            for item in items(found):
                _store(read(item, limits=limits), report, origin, tags)
                report.document_done()
        report.item_done()
    return report


def _store(done: Read, report: IngestReport, origin: str, tags: tuple[str, ...],
           capture: CaptureMeta | None = None) -> int | None:
    """Store one Read (or list why it could not be read); the new or existing source's id."""
    if done.document.errors:
        _fail(report, done.item.where, "; ".join(done.document.errors))
        return None
    result = source_store(read=done, origin=origin, tags=tags, capture=capture)
    if result.created:
        report.created, report.claims = report.created + 1, report.claims + result.claims
    else:
        report.already += 1
    return int(result.source.pk)


def parser_limits() -> Limits:
    """Every stored document is parsed in a child under these limits (settings
    ``parser_memory_mb``, ``parser_cpu_seconds``)."""
    return Limits.from_settings(settings.SW)


def capture_policy(**overrides: object) -> FetchPolicy:
    return FetchPolicy.from_settings(settings.SW, **overrides)


def capture_urls(urls: list[str], *, tags: tuple[str, ...] = (),
                 report: IngestReport | None = None) -> IngestReport:
    """Capture each URL through the hardened client and ingest what it returned."""
    report = report if report is not None else IngestReport()
    policy = capture_policy()
    for url in urls:
        try:
            fetched = fetch(url, policy)
        except CaptureError as exc:
            _fail(report, url, exc.reason)
        else:
            _ingest_fetched(fetched, "url", tags, report)
        report.document_done()
        report.item_done()
    return report


def _ingest_fetched(fetched: Fetched, kind: str, tags: tuple[str, ...], report: IngestReport,
                    published: str = "") -> int | None:
    """Store one capture (the page and its WARC file); the new or existing source's id.
    ``published`` is the feed entry's date, used when the page itself gives none."""
    done = read(item_fetched(fetched, kind=kind, published=published), limits=parser_limits())
    if done.document.errors:
        return _store(done, report, fetched.url, tags)
    warc, record_id = capture_warc(fetched)
    done.item = replace(done.item, record_id=record_id)
    meta = CaptureMeta(requested_url=fetched.url if fetched.redirects else "",
                       http_status=fetched.status, http_headers=fetched.headers,
                       retrieved_at=fetched.retrieved_at, warc=warc)
    return _store(done, report, fetched.url, tags, capture=meta)


def feed_add(url: str, *, tags: tuple[str, ...] = ()) -> Feed:
    """The feed for ``url`` (validated as a capture URL), created if new."""
    from stationwatch.capture import validate_url

    try:
        normal = validate_url(url, capture_policy())
    except CaptureError as exc:
        raise StationwatchError(str(exc)) from None
    feed, created = Feed.objects.get_or_create(url=normal, defaults={"tags": list(tags)})
    if created:
        audit_record(action="feed.add", obj=feed, detail={"url": normal})
    return feed


def poll_feeds(feeds: list[Feed], *, report: IngestReport | None = None) -> IngestReport:
    """Fetch each feed (conditionally, with its ETag and Last-Modified) and ingest the entries
    not seen before. A failed entry is reported and tried again at the next change."""
    report = report if report is not None else IngestReport()
    policy = capture_policy(content_types=(*FEED_TYPES, "text/plain"))
    pages = capture_policy()
    for feed in feeds:
        _poll(feed, policy, pages, report)
        report.item_done()
    return report


def _poll(feed: Feed, policy: FetchPolicy, pages: FetchPolicy, report: IngestReport) -> None:
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    feed.last_polled_at = timezone.now()
    try:
        fetched = fetch(feed.url, policy, headers=headers)
        if fetched.status == 304:
            feed.last_result = "not modified"
            report.notes.append(f"feed {feed.url}: not modified")
            return
        parsed = parse_feed(fetched.body, base_url=fetched.final_url)
    except (CaptureError, DocumentError) as exc:
        feed.last_result = f"failed: {exc}"[:500]
        _fail(report, feed.url, str(exc))
        return
    finally:
        feed.save()
    feed.etag = fetched.header("etag")[:500]
    feed.last_modified = fetched.header("last-modified")[:100]
    feed.title = feed.title or parsed.title
    seen = set(FeedEntry.objects.filter(feed=feed).values_list("entry_id", flat=True))
    new = [e for e in parsed.entries if e.id not in seen]
    cap = settings.SW.feed_max_entries
    waiting, new = new[cap:], new[:cap]
    stored = 0
    refused: list[tuple[str, str]] = []
    for entry in new:
        try:
            page = fetch(entry.link, pages)
        except CaptureError as exc:
            if _refused_for_good(exc):
                # Refused by policy, so refused again on every poll: remembered as seen (with
                # no source) and never fetched again; one audit entry per poll, below.
                FeedEntry.objects.get_or_create(feed=feed, entry_id=entry.id, defaults={
                    "link": entry.link[:2000], "source_id": None})
                refused.append((entry.link, exc.reason))
                report.failed.append((entry.link, exc.reason))
            else:
                _fail(report, entry.link, exc.reason)  # may work next time: tried again
            report.document_done()
            continue
        source_id = _ingest_fetched(page, "feed_item", tuple(feed.tags), report,
                                    published=entry.published)
        if source_id is not None:
            FeedEntry.objects.get_or_create(feed=feed, entry_id=entry.id,
                                            defaults={"link": page.final_url[:2000],
                                                      "source_id": source_id})
            stored += 1
        report.document_done()
    if refused:
        audit_record(action="feed.entries_refused", obj=feed, detail={
            "count": len(refused), "first": [list(r) for r in refused[:10]]})
    feed.last_result = f"{len(parsed.entries)} entries, {stored} new" + (
        f", {len(refused)} refused" if refused else "") + (
        f", {len(waiting)} left for the next poll" if waiting else "")
    feed.save()
    report.notes.append(f"feed {feed.url}: {feed.last_result}")
    if waiting:
        report.notes.append(f"feed {feed.url}: at most {cap} new entries are captured per poll "
                            f"(setting feed_max_entries)")


#: Reasons a URL is refused by policy (address, scheme, port, form): the same every time.
_POLICY_REFUSALS = ("destination not allowed", "only http and https", "port ",
                    "URLs with a user name", "URL contains", "not a valid URL", "URL has no host")


def _refused_for_good(exc: CaptureError) -> bool:
    return exc.reason.startswith(_POLICY_REFUSALS)


def _fail(report: IngestReport, where: str, why: str) -> None:
    report.failed.append((where, why))
    audit_record(action="source.ingest_failed", detail={"where": where, "reason": why})
