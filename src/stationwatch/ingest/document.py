"""The Document: what every loader produces and every extractor reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass
class Document:
    """One document's main text (evidence spans index into ``text``) and where it came from."""

    path: str
    text: str = ""
    title: str = ""
    uri: str | None = None
    media_type: str = ""
    encoding: str | None = None
    warc_record_id: str | None = None
    offset: int | None = None
    #: When it was published, from the page's own metadata (ISO 8601: a UTC date-time ending
    #: in 'Z', or a date alone); None when unknown, never the day it was read.
    published_at: str | None = None
    #: When it was retrieved, from the archive (a WARC record's WARC-Date) or the capture.
    retrieved_at: str | None = None
    errors: list[str] = field(default_factory=list)
    #: How it was read and what it carries: active or embedded content (``pdf:javascript``...;
    #: recorded, never run or opened), or a declared encoding that did not apply
    #: (``warc:content-encoding-not-applied``: the body was read raw).
    flags: list[str] = field(default_factory=list)

    def output_fields(self) -> dict[str, str | list[str]]:
        """What reading the document adds to its extraction's output: the known dates and the
        flags (each absent when empty)."""
        return {k: v for k, v in (("published_at", self.published_at),
                                  ("retrieved_at", self.retrieved_at),
                                  ("flags", list(self.flags))) if v}


def as_datetime(value: str | None) -> datetime | None:
    """A Document date as an aware UTC datetime ('2022-10-26' is that day's midnight UTC);
    None when unknown or unreadable."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def feed_date(value: str) -> str | None:
    """A feed entry's date, RFC 822 (RSS pubDate) or ISO 8601 (Atom), as a Document date
    (UTC, ending in 'Z'); None if unreadable."""
    if not value:
        return None
    try:
        when: datetime | None = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        when = as_datetime(value)
    if when is None:
        return None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
