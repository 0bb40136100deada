"""Feed parsing on bytes: RSS, Atom, and what is not a feed."""

from __future__ import annotations

import pytest

from stationwatch.capture import parse_feed
from stationwatch.errors import DocumentError

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Le Journal</title>
<item><title>Un poste de police chinois</title><link>https://news.example/a</link>
<guid>a-1</guid><pubDate>Mon, 07 Nov 2022 10:00:00 GMT</pubDate></item>
<item><title>Relative</title><link>/b</link></item>
<item><title>No link</title></item>
<item><title>Dup</title><link>https://news.example/a</link><guid>a-1</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>新闻</title>
<entry><title>海外警务服务站</title><id>tag:x,2022:1</id>
<link href="https://news.example/zh/1"/><updated>2022-11-01T00:00:00Z</updated></entry>
</feed>""".encode()


def test_rss_entries_with_ids_links_and_relative_links_resolved():
    feed = parse_feed(RSS, base_url="https://news.example/feed.xml")
    assert feed.title == "Le Journal"
    assert [(e.id, e.link) for e in feed.entries] == [
        ("a-1", "https://news.example/a"), ("https://news.example/b", "https://news.example/b")]
    assert feed.entries[0].published.startswith("Mon, 07 Nov 2022")


def test_atom_in_chinese():
    feed = parse_feed(ATOM)
    assert feed.title == "新闻"
    assert feed.entries[0].title == "海外警务服务站" and feed.entries[0].id == "tag:x,2022:1"


@pytest.mark.parametrize("data", [b"", b"   ", b"<html><body>not a feed</body></html>",
                                  b"\x00\x01\x02binary", b"plain words only"])
def test_what_is_not_a_feed_is_a_clear_error(data):
    with pytest.raises(DocumentError, match="feed"):
        parse_feed(data)


def test_external_entities_are_never_fetched_or_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>&x;</title>
<item><title>&x;</title><link>https://news.example/a</link></item></channel></rss>""".encode()
    feed = parse_feed(data)
    assert "TOPSECRET" not in repr(feed)


def test_entity_expansion_bombs_do_not_blow_up():
    data = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
<rss version="2.0"><channel><title>&lol5;</title>
<item><title>t</title><link>https://news.example/a</link></item></channel></rss>"""
    feed = parse_feed(data)
    assert len(feed.title) <= 300


def test_a_huge_feed_is_refused_before_parsing():
    with pytest.raises(DocumentError, match="feed too large"):
        parse_feed(b"<rss>" + b" " * (21 * 1024 * 1024))
