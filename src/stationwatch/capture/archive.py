"""Each capture as a small WARC file (request + response records, written with warcio), so it
can be replayed by any WARC tool and its payload checked against the stored evidence."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..errors import DocumentError
from .client import Fetched

#: Headers describing the transfer rather than the payload; the record holds decoded bytes.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class CaptureRecord:
    """What a capture WARC says: its response record's identity and payload."""

    record_id: str
    uri: str
    date: str
    payload: bytes
    content_type: str

    @property
    def payload_sha256(self) -> str:
        return hashlib.sha256(self.payload).hexdigest()


def capture_warc(fetched: Fetched) -> tuple[bytes, str]:
    """The gzipped WARC bytes of one capture and its response record ID."""
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    date = fetched.retrieved_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    headers = [(k, v) for k, v in fetched.headers if k.lower() not in _TRANSFER_HEADERS]
    headers.append(("Content-Length", str(len(fetched.body))))
    http = StatusAndHeaders(f"{fetched.status} {fetched.reason}".strip(), headers,
                            protocol="HTTP/1.1")
    extra = {"WARC-Date": date}
    if fetched.address:
        extra["WARC-IP-Address"] = fetched.address
    response = writer.create_warc_record(fetched.final_url, "response",
                                         payload=BytesIO(fetched.body),
                                         length=len(fetched.body), http_headers=http,
                                         warc_headers_dict=extra)
    record_id = str(response.rec_headers.get_header("WARC-Record-ID"))
    parts = urlsplit(fetched.final_url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_http = StatusAndHeaders(f"GET {target} HTTP/1.1", fetched.request_headers,
                                    is_http_request=True)
    request = writer.create_warc_record(fetched.final_url, "request", http_headers=request_http,
                                        warc_headers_dict={"WARC-Date": date,
                                                           "WARC-Concurrent-To": record_id})
    writer.write_record(response)
    writer.write_record(request)
    return out.getvalue(), record_id


def read_capture(data: bytes) -> CaptureRecord:
    """The response record of a capture WARC, its digests checked; DocumentError if damaged."""
    try:
        for record in ArchiveIterator(BytesIO(data), check_digests=True):
            if record.rec_type != "response":
                continue
            payload = record.content_stream().read()
            if record.digest_checker.problems:
                raise DocumentError(f"capture WARC digest mismatch: "
                                    f"{'; '.join(map(str, record.digest_checker.problems))}")
            http = record.http_headers
            return CaptureRecord(
                record_id=str(record.rec_headers.get_header("WARC-Record-ID")),
                uri=str(record.rec_headers.get_header("WARC-Target-URI")),
                date=str(record.rec_headers.get_header("WARC-Date")),
                payload=payload,
                content_type=str(http.get_header("Content-Type") or "") if http else "")
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        raise DocumentError(f"capture WARC unreadable: {exc}") from None
    raise DocumentError("capture WARC holds no response record")
