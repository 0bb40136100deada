"""`stationwatch ingest`: files, folders, archives, URLs and feeds into the evidence store, with
candidate claims. One document at a time, each in its own transaction after its blob is on
disk, so a killed run loses nothing and a re-run duplicates nothing ("already have it")."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

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
from stationwatch.extract import extract
from stationwatch.ingest.document import as_datetime
from stationwatch.ingest.load import check_regular, read_capped
from stationwatch.ingest.sandbox import Limits, load_bytes_limited
from stationwatch.pipeline.inputs import iter_records
from stationwatch_web.audit.services import audit_record

from .models import Feed, FeedEntry
from .services import CaptureMeta, source_ingest_found

#: What `ingest` reads from a folder (other files are listed as skipped).
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf", ".html.gz")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".jsonl", ".jsonl.gz")
MAX_FILE_BYTES = 64 * 1024 * 1024


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


def _kind(name: str) -> str:
    low = name.lower()
    if low.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return "document" if low.endswith(DOCUMENT_SUFFIXES) else "other"


def expand(paths: list[str], report: IngestReport) -> list[Path]:
    """Files named or found in folders; never stationwatch's own data directory (its database,
    key and evidence blobs), should a folder being ingested contain it. A path that does not
    exist is listed as failed and the others go on."""
    own = settings.SW.data_dir.resolve()
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if f.resolve().is_relative_to(own):
                    continue
                (out.append(f) if _kind(f.name) != "other" else report.skipped.append(str(f)))
        elif p.exists():
            out.append(p)  # not a regular file (a device, a pipe): refused when read
        else:
            _fail(report, str(item), "no such file or directory")
    return out


@dataclass(frozen=True)
class _Item:
    where: str
    payload: bytes
    content_type: str = ""
    uri: str = ""
    record_id: str = ""
    offset: int | None = None
    error: str | None = None
    retrieved_at: str | None = None  # a WARC record's WARC-Date
    flags: tuple[str, ...] = ()


def _items(path: Path) -> Iterator[_Item]:
    try:
        if _kind(path.name) == "archive":
            check_regular(path)
            for rec in iter_records(path):
                where = f"{path}@{rec.offset}"
                yield _Item(where, rec.payload, rec.content_type, rec.uri,
                            rec.record_id or "", rec.offset, rec.error, rec.date, rec.flags)
            return
        # Refused by type (a device, a pipe) and capped while reading, never after.
        data = read_capped(path, MAX_FILE_BYTES)
    except DocumentError as exc:
        yield _Item(str(path), b"", error=str(exc))
        return
    except OSError as exc:
        yield _Item(str(path), b"", error=f"cannot read: {exc.strerror or exc}")
        return
    yield _Item(str(path), data)


def progress_bar(report: IngestReport) -> Callable[[], None]:
    """Show a documents/s progress bar on the terminal for ``report``; returns its closer."""
    from tqdm import tqdm

    bar = tqdm(unit="doc", dynamic_ncols=True, leave=False)
    report.on_document = lambda _r: bar.update(1)
    return bar.close


def ingest_paths(paths: list[str], *, tags: tuple[str, ...] = (),
                 report: IngestReport | None = None,
                 origin_names: dict[str, str] | None = None) -> IngestReport:
    """Ingest files and folders. ``origin_names`` maps a path to the name recorded as its
    origin (an uploaded file's own name rather than where the upload was kept)."""
    report = report if report is not None else IngestReport()
    files = expand(paths, report)
    for path in files:
        origin = (origin_names or {}).get(str(path), str(path))
        for item in _items(path):
            if item.error is None:
                _one(item, path, tags, report, origin)
            else:
                _fail(report, item.where, item.error)
            report.document_done()
        report.item_done()
    return report


def _one(item: _Item, path: Path, tags: tuple[str, ...], report: IngestReport,
         origin: str) -> None:
    name = path.name.removesuffix(".gz") if path.suffix == ".gz" else path.name
    doc = load_bytes_limited(item.payload, limits=parser_limits(), path=str(path),
                             content_type=item.content_type, uri=item.uri or None,
                             name=name if not item.uri else None)
    if doc.errors:
        _fail(report, item.where, "; ".join(doc.errors))
        return
    found = extract(doc).as_dict()
    kind = "warc_record" if item.record_id else "file"
    result = source_ingest_found(
        payload=item.payload, found=found, text=doc.text, title=doc.title, kind=kind,
        uri=item.uri, media_type=doc.media_type, warc_record_id=item.record_id,
        origin=origin, origin_offset=item.offset, tags=(*tags, *doc.flags, *item.flags),
        published_at=as_datetime(doc.published_at), retrieved_at=as_datetime(item.retrieved_at))
    _count(report, result.created, result.claims)


def _count(report: IngestReport, created: bool, claims: int) -> None:
    if created:
        report.created, report.claims = report.created + 1, report.claims + claims
    else:
        report.already += 1


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


def _feed_date(value: str) -> datetime | None:
    """A feed entry's date: RFC 822 (RSS pubDate) or ISO 8601 (Atom); None if unreadable."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return as_datetime(value)
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _ingest_fetched(fetched: Fetched, kind: str, tags: tuple[str, ...],
                    report: IngestReport, published: str = "") -> int | None:
    """Store one capture (the page and its WARC file); the new or existing source's id.
    ``published`` is the feed entry's date, used when the page itself gives none."""
    doc = load_bytes_limited(fetched.body, limits=parser_limits(), path=fetched.final_url,
                             content_type=fetched.content_type, uri=fetched.final_url)
    if doc.errors:
        _fail(report, fetched.final_url, "; ".join(doc.errors))
        return None
    warc, record_id = capture_warc(fetched)
    meta = CaptureMeta(requested_url=fetched.url if fetched.redirects else "",
                       http_status=fetched.status, http_headers=fetched.headers,
                       retrieved_at=fetched.retrieved_at, warc=warc)
    result = source_ingest_found(
        payload=fetched.body, found=extract(doc).as_dict(), text=doc.text, title=doc.title,
        kind=kind, uri=fetched.final_url, media_type=doc.media_type,
        warc_record_id=record_id, origin=fetched.url, tags=(*tags, *doc.flags), capture=meta,
        published_at=as_datetime(doc.published_at) or _feed_date(published))
    _count(report, result.created, result.claims)
    return result.source.pk


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
