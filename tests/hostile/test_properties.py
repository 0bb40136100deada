"""Property-based tests (hypothesis) of the parsers of untrusted input: whatever the bytes,
each either reads them or says why in its own error type, and what it reads is well formed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stationwatch.capture.feeds import parse_feed
from stationwatch.errors import DocumentError, ReleaseError
from stationwatch.export import release
from stationwatch.extract import extract
from stationwatch.ingest import load_bytes
from stationwatch.ingest.decode import decode

# Derandomized so that CI checks the same examples on every run.
FAST = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
NAMES = st.sampled_from(["a.txt", "a.html", "a.pdf", "a", "a.md", "index.htm"])
TYPES = st.sampled_from(["", "text/html", "text/html; charset=gbk", "text/plain; charset=utf-8",
                         "application/pdf", "text/html; charset=bogus-9", "text/plain; charset="])
# Text in the scripts the press writes in, plus the characters that trip parsers.
TEXT = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
                | st.sampled_from(["\x00", "\u202e", "\ufeff", "<", "&", "海外警务服务站", "é"]),
                max_size=20).map("".join)
MARKUP = st.lists(st.sampled_from(["<p>", "</p>", "<div>", "<script>", "</html>", "<!--",
                                   "<![CDATA[", "&amp;", "&#0;", "<meta charset=utf-7>",
                                   "<title>", "%PDF-1.7", "\r\n"]) | TEXT, max_size=30
                  ).map("".join)


@FAST
@given(data=st.binary(max_size=2000) | MARKUP.map(str.encode), name=NAMES, ctype=TYPES)
def test_load_bytes_reads_or_names_the_problem_for_any_bytes(data, name, ctype):
    doc = load_bytes(data, path=name, content_type=ctype, name=name)
    assert isinstance(doc.text, str) and "\x00" not in doc.text
    assert all(isinstance(e, str) and e for e in doc.errors)
    assert doc.errors or doc.text or not data.strip()


@FAST
@given(text=TEXT, codec=st.sampled_from(["utf-8", "gb18030", "big5", "shift_jis", "cp1252",
                                         "utf-16"]))
def test_declared_charsets_decode_back_to_the_text(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return  # not representable in that charset: nothing to check
    decoded, _used = decode(data, f"text/plain; charset={codec}")
    # A leading U+FEFF is read as a byte-order mark, not as text.
    assert decoded.lstrip("\ufeff") == text.lstrip("\ufeff")


@FAST
@given(body=MARKUP)
def test_every_evidence_span_is_the_exact_quote_of_the_text(body):
    doc = load_bytes(f"<html><body><p>{body} overseas police station in Prato, Italy. "
                     f"海外警务服务站 {body}</p></body></html>".encode(), path="x.html")
    if doc.errors:
        return
    found = extract(doc).as_dict()
    for kind in ("stations", "bureaus", "responses"):
        for item in found[kind]:
            for span in item["evidence"]:
                assert doc.text[span["start"]:span["end"]] == span["quote"]


@FAST
@given(data=st.binary(max_size=3000) | MARKUP.map(str.encode))
def test_feeds_parse_or_are_refused_with_a_document_error(data):
    try:
        feed = parse_feed(data)
    except DocumentError as exc:
        assert str(exc)
    else:
        assert isinstance(feed.entries, list)


@FAST
@given(text=TEXT)
def test_manifests_are_read_or_refused_with_a_release_error(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("release")
    (root / release.MANIFEST).write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        report = release.verify_release(root)
    except ReleaseError as exc:
        assert str(exc)
    else:
        assert all(isinstance(p, str) for p in report.problems)


@pytest.mark.parametrize("version", ["1", "2026.11", "v2_rc-1"])
def test_plain_versions_are_accepted(version):
    assert release.check_version(version) == version
