"""WARC response records with FastWARC, each with its target URI, record ID and offset."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastwarc.warc import ArchiveIterator, WarcRecordType


@dataclass(frozen=True)
class WarcResponse:
    uri: str
    record_id: str
    offset: int
    content_type: str
    payload: bytes


def iter_responses(path: str) -> Iterator[WarcResponse]:
    """Every ``response`` record of a ``.warc`` or ``.warc.gz`` file (compression detected).

    Iteration ends at a truncated or corrupt member; the caller reports where it stopped.
    """
    records = ArchiveIterator(path, record_types=WarcRecordType.response, parse_http=True,
                              auto_decode="all", fsspec_args=False)
    for record in records:
        yield WarcResponse(
            uri=record.headers.get("WARC-Target-URI", "") or "",
            record_id=record.record_id or "",
            offset=record.stream_pos,
            content_type=record.http_content_type or "",
            payload=record.reader.read())
