"""WARC files built for the tests, byte by byte: records with the faults real archives carry
(stale encoding headers, segments, non-UTF-8 target URIs) that a writing library would fix."""

import gzip
import uuid


def http_response(body: bytes, *headers: str) -> bytes:
    """An HTTP/1.1 200 response with these header lines over ``body`` as it is."""
    head = "\r\n".join(["HTTP/1.1 200 OK", *headers]).encode("latin-1")
    return head + b"\r\n\r\n" + body


def record(block: bytes, *, kind: str = "response", uri: bytes | str = "https://a.example/",
           content_type: str = "application/http; msgtype=response",
           date: str = "2022-10-26T08:00:00Z", record_id: str | None = None,
           extra: dict[str, str] | None = None) -> bytes:
    """One WARC/1.0 record; ``uri`` may be bytes that are not UTF-8."""
    rid = record_id or f"<urn:uuid:{uuid.uuid4()}>"
    raw_uri = uri if isinstance(uri, bytes) else uri.encode()
    lines = [b"WARC/1.0", f"WARC-Type: {kind}".encode(), f"WARC-Record-ID: {rid}".encode(),
             f"WARC-Date: {date}".encode(), b"WARC-Target-URI: " + raw_uri]
    if content_type:
        lines.append(f"Content-Type: {content_type}".encode())
    lines += [f"{k}: {v}".encode() for k, v in (extra or {}).items()]
    lines.append(f"Content-Length: {len(block)}".encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + block + b"\r\n\r\n"


def warc_gz(*records: bytes) -> bytes:
    """A .warc.gz: one gzip member per record."""
    return b"".join(gzip.compress(r) for r in records)


def page(sentence: str, title: str = "Police stations") -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{sentence}</p><p>Officials declined further comment on the matter.</p>"
            "</article></body></html>").encode()
