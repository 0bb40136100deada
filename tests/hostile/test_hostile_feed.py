"""A hostile feed: thousands of entries linking to refused destinations. Each poll captures
at most `feed_max_entries` new entries, and a link refused by policy is never fetched again
(once: 1,300 refused links cost 87 s and 1,300 audit rows on every poll)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.evidence.ingest import feed_add, poll_feeds
from stationwatch_web.evidence.models import FeedEntry

pytestmark = pytest.mark.django_db
ENTRIES = 25


def hostile_feed(n: int) -> str:
    items = "".join(f"<item><title>e{i}</title><link>http://10.0.0.5/e{i}</link>"
                    f"<guid>e{i}</guid></item>" for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>{items}' \
           f"</channel></rss>"


def test_a_hostile_feed_is_capped_per_poll_and_refused_links_are_not_retried(
        httpserver_ipv4, settings):
    server = httpserver_ipv4
    server.expect_request("/feed.xml").respond_with_data(hostile_feed(ENTRIES),
                                                         content_type="application/rss+xml")
    settings.SW = replace(settings.SW, capture_allow_loopback=True, feed_max_entries=10,
                          capture_ports=(80, 443, server.port))
    feed = feed_add(server.url_for("/feed.xml"))
    tried = []
    for _ in range(4):
        report = poll_feeds([feed])
        tried.append(len(report.failed))
        assert all("destination not allowed (private)" in why for _, why in report.failed)
    assert tried == [10, 10, 5, 0]
    assert FeedEntry.objects.filter(feed=feed, source=None).count() == ENTRIES
    assert AuditEvent.objects.filter(action="source.ingest_failed").count() == 0
    assert AuditEvent.objects.filter(action="feed.entries_refused").count() == 3
