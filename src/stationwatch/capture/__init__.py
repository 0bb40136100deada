"""Capturing URLs and feeds: the hardened client, WARC records of captures, feed parsing."""

from .archive import CaptureRecord, capture_warc, read_capture
from .client import (
                     FEED_TYPES,
                     PAGE_TYPES,
                     CaptureError,
                     Fetched,
                     FetchPolicy,
                     display_host,
                     fetch,
                     fetch_inline,
                     validate_url,
)
from .feeds import FeedEntry, ParsedFeed, parse_feed

__all__ = ["FEED_TYPES", "PAGE_TYPES", "CaptureError", "CaptureRecord", "FeedEntry",
           "FetchPolicy", "Fetched", "ParsedFeed", "capture_warc", "display_host", "fetch",
           "fetch_inline", "parse_feed", "read_capture", "validate_url"]
