"""C2: documents built to exhaust a parser are parsed in a child under memory and CPU limits;
the child is rejected with the limit it hit, the ingest goes on with the next document."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stationwatch.ingest import load_bytes
from stationwatch.ingest.sandbox import Limits, load_bytes_limited

GOOD = b"An overseas police service station operated in Dublin, the report said."
# About 2 MB of paragraphs: seconds of CPU for the main-text extraction, far over 1 s.
SLOW_HTML = b"<html><body>" + b"".join(
    b"<p>Paragraph %d about the station, with several more words in it.</p>" % i
    for i in range(30_000)) + b"</body></html>"


def test_a_document_within_the_limits_reads_as_it_does_inline():
    limited = load_bytes_limited(GOOD, limits=Limits(), path="good.txt")
    inline = load_bytes(GOOD, path="good.txt")
    assert (limited.text, limited.title, limited.errors) == (inline.text, inline.title, [])


def test_c2_memory_hungry_input_is_rejected_by_the_memory_limit():
    doc = load_bytes_limited(b"a " * 30_000_000, limits=Limits(memory_mb=150), path="big.txt")
    assert doc.errors == ["rejected: resource limit (memory, 150 MB)"]


def test_c2_cpu_hungry_input_is_rejected_by_the_cpu_limit_and_the_next_one_is_read():
    doc = load_bytes_limited(SLOW_HTML, limits=Limits(cpu_seconds=1), path="slow.html")
    assert doc.errors == ["rejected: resource limit (CPU time, 1 s)"]
    assert load_bytes_limited(GOOD, limits=Limits(cpu_seconds=1), path="g.txt").text


@pytest.mark.django_db
def test_c2_ingest_reports_the_rejected_document_and_stores_the_others(settings, tmp_path):
    from stationwatch_web.evidence.ingest import ingest_paths
    from stationwatch_web.evidence.models import Source

    settings.SW = replace(settings.SW, parser_cpu_seconds=1)
    (tmp_path / "slow.html").write_bytes(SLOW_HTML)
    (tmp_path / "good.txt").write_bytes(GOOD)
    report = ingest_paths([str(tmp_path)])
    assert report.created == 1 and Source.objects.get().origin.endswith("good.txt")
    assert [(where.rsplit("/", 1)[-1], why) for where, why in report.failed] == [
        ("slow.html", "rejected: resource limit (CPU time, 1 s)")]
