"""RSS and Atom feeds, parsed with feedparser from bytes the hardened client fetched.

feedparser is only ever given bytes, so it never fetches anything itself (nor resolves
external entities); entry links are validated again before anyone captures them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser

from ..errors import DocumentError

MAX_FEED_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FeedEntry:
    id: str
    link: str
    title: str = ""
    published: str = ""


@dataclass
class ParsedFeed:
    title: str = ""
    entries: list[FeedEntry] = field(default_factory=list)


def parse_feed(data: bytes, *, base_url: str = "") -> ParsedFeed:
    """Entries of an RSS/Atom document; DocumentError when it is not a feed at all."""
    if len(data) > MAX_FEED_BYTES:
        raise DocumentError(f"feed too large ({len(data):,} bytes; limit {MAX_FEED_BYTES:,})")
    if not data.strip():
        raise DocumentError("empty feed")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    version = parsed.get("version", "")
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise DocumentError(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    out = ParsedFeed(title=str(parsed.feed.get("title", ""))[:300])
    seen: set[str] = set()
    for entry in parsed.entries:
        link = str(entry.get("link", "") or "").strip()
        if not link:
            continue
        link = urljoin(base_url, link) if base_url else link
        key = str(entry.get("id", "") or link)[:500]
        if key in seen:
            continue
        seen.add(key)
        out.entries.append(FeedEntry(id=key, link=link, title=str(entry.get("title", ""))[:500],
                                     published=str(entry.get("published", "") or
                                                   entry.get("updated", "") or "")))
    return out
