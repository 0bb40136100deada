"""Capture WARC files: written by warcio, read by FastWARC too, damage detected."""

from __future__ import annotations

import gzip
import hashlib
from datetime import UTC, datetime

import pytest
from fastwarc.warc import ArchiveIterator, WarcRecordType

from stationwatch.capture import Fetched, capture_warc, read_capture
from stationwatch.errors import DocumentError

BODY = "<html><body><p>Station à Paris — 警务服务站</p></body></html>".encode()


def fetched(body: bytes = BODY) -> Fetched:
    return Fetched(url="http://example.org/old", final_url="http://example.org/new?q=1",
                   status=200, reason="OK",
                   headers=[("Content-Type", "text/html; charset=utf-8"),
                            ("Content-Encoding", "gzip"), ("Content-Length", "12")],
                   body=body, address="93.184.216.34",
                   retrieved_at=datetime(2026, 11, 28, 4, 0, tzinfo=UTC),
                   request_headers=[("User-Agent", "stationwatch"), ("Host", "example.org")],
                   redirects=["http://example.org/new?q=1"])


def test_a_capture_replays_to_its_exact_payload():
    warc, record_id = capture_warc(fetched())
    record = read_capture(warc)
    assert record.payload == BODY and record.record_id == record_id
    assert record.uri == "http://example.org/new?q=1" and record.date == "2026-11-28T04:00:00Z"
    assert record.payload_sha256 == hashlib.sha256(BODY).hexdigest()


def test_other_warc_readers_see_a_response_and_a_request_with_decoded_headers(tmp_path):
    warc, record_id = capture_warc(fetched())
    path = tmp_path / "c.warc.gz"
    path.write_bytes(warc)
    seen = []
    for record in ArchiveIterator(str(path), parse_http=True, fsspec_args=False):
        seen.append(record.record_type)
        if record.record_type == WarcRecordType.response:
            assert record.headers["WARC-Record-ID"] == record_id
            assert record.headers["WARC-IP-Address"] == "93.184.216.34"
            assert "Content-Encoding" not in dict(record.http_headers.astuples())  # decoded
            assert record.reader.read() == BODY
        else:
            assert record.headers["WARC-Concurrent-To"] == record_id
    assert seen == [WarcRecordType.response, WarcRecordType.request]


def test_a_flipped_payload_byte_fails_the_digest_check():
    warc, _ = capture_warc(fetched())
    raw = bytearray(gzip.decompress(warc))
    at = raw.index(b"Station")
    raw[at] ^= 0x20
    with pytest.raises(DocumentError, match="digest"):
        read_capture(bytes(raw))


# mtime=0: the same bytes in every test process (pytest-xdist workers must collect alike).
CUT_GZIP = gzip.compress(b"WARC/1.1\r\nbroken", mtime=0)[:20]


@pytest.mark.parametrize("data", [b"", b"not a warc", CUT_GZIP], ids=["empty", "text", "cut"])
def test_garbage_is_a_clear_error(data):
    with pytest.raises(DocumentError, match="capture WARC"):
        read_capture(data)
