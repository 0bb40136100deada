"""Loading documents: the dev corpus as files and as WARC, and every kind of bad input."""

import gzip
import json
from pathlib import Path

import pytest

from stationwatch.ingest import load_bytes, load_path
from tests.conftest import DEV
from tests.data.pdfs import make_pdf, make_pdf_bomb


def test_html_main_text_drops_navigation_sidebars_and_comments():
    doc = next(load_path(DEV / "docs" / "d001.html"))
    assert not doc.errors
    assert doc.text.startswith("Netherlands orders China to shut")
    assert "Lishui" in doc.text and "Rotterdam" in doc.text
    for boilerplate in ("Related coverage", "three of these in Barcelona", "Accept all",
                        "Sponsored", "All rights reserved"):
        assert boilerplate not in doc.text


def test_the_warc_gives_the_same_text_as_the_files():
    gold = [json.loads(line) for line in (DEV / "gold.jsonl").read_text().splitlines()]
    records = list(load_path(DEV / "dev.warc.gz"))
    assert len(records) == len(gold) == 61
    for g, rec in zip(gold, records, strict=True):
        file_doc = next(load_path(DEV / g["file"]))
        assert rec.text == file_doc.text, g["id"]
        assert rec.uri.startswith("http") and rec.warc_record_id.startswith("<urn:uuid:")
        assert rec.offset is not None and not rec.errors


def test_uncompressed_and_truncated_warcs_name_the_offset(tmp_path):
    whole = (DEV / "dev.warc.gz").read_bytes()
    raw = gzip.decompress(whole)
    plain = tmp_path / "dev.warc"
    plain.write_bytes(raw)
    docs = list(load_path(plain))
    assert len(docs) == 61 and not any(d.errors for d in docs)
    for name, data in (("cut.warc.gz", whole[:70_000]), ("cut.warc", raw[:150_000])):
        cut = tmp_path / name
        cut.write_bytes(data)
        docs = list(load_path(cut))
        good, bad = [d for d in docs if not d.errors], [d for d in docs if d.errors]
        assert 0 < len(good) < 61 and len(bad) == 1, name
        assert "truncated" in bad[0].errors[0] and "at offset" in bad[0].errors[0]
        assert all(len(d.text) > 200 for d in good)  # no half-read record passed as whole


def test_garbage_after_the_last_record_and_a_file_of_garbage(tmp_path):
    whole = (DEV / "dev.warc.gz").read_bytes()
    tail = tmp_path / "tail.warc.gz"
    tail.write_bytes(whole + b"this is not gzip")
    docs = list(load_path(tail))
    assert len([d for d in docs if not d.errors]) == 61
    assert "corrupt data" in docs[-1].errors[0] or "unreadable data" in docs[-1].errors[0]
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"not a warc at all\r\n" * 100)
    assert "no WARC record" in next(load_path(junk)).errors[0]


@pytest.mark.parametrize(("data", "error"), [
    (b"", "empty document"),
    (b"   \n\t ", "empty document"),
    (bytes(range(256)) * 200, "binary data"),
    (b"<html><body>" + b"<div>" * 10_000 + b"x" + b"</div>" * 10_000 + b"</body></html>",
     "no main text"),
    (b"<html><body><script>var a = 1;</script></body></html>", "no main text"),
])
def test_bad_documents_get_an_error_naming_the_problem(data, error):
    doc = load_bytes(data, path="x.html")
    assert any(error in e for e in doc.errors), doc.errors


def test_a_fifty_megabyte_page_is_refused_not_parsed():
    filler = b"<p>" + b"a" * 1000 + b"</p>"
    data = b"<html><body>" + filler * 51_000 + b"</body></html>"
    doc = load_bytes(data, path="big.html")
    assert doc.errors == [doc.errors[0]] and "too large" in doc.errors[0]


def test_files_too_large_or_unreadable_or_truncated_gzip(tmp_path, monkeypatch):
    missing = next(load_path(tmp_path / "nope.txt"))
    assert "cannot read" in missing.errors[0]
    bad_gz = tmp_path / "page.html.gz"
    bad_gz.write_bytes(gzip.compress(b"<html><body><p>text</p></body></html>")[:-12])
    assert "truncated gzip" in next(load_path(bad_gz)).errors[0]
    not_gz = tmp_path / "page2.html.gz"
    not_gz.write_bytes(b"plain")
    assert "not valid gzip" in next(load_path(not_gz)).errors[0]
    import stationwatch.ingest.sources as load_mod

    monkeypatch.setattr(load_mod, "MAX_FILE_BYTES", 10)
    big = tmp_path / "big.txt"
    big.write_text("x" * 100)
    assert "file too large" in next(load_path(big)).errors[0]


def test_gzip_bomb_is_capped(tmp_path, monkeypatch):
    import stationwatch.ingest.sources as load_mod

    monkeypatch.setattr(load_mod, "MAX_FILE_BYTES", 1_000_000)
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 20_000_000))
    assert "exceeds" in next(load_path(bomb)).errors[0]


def test_nul_bytes_are_removed_from_text():
    doc = load_bytes(b"Rotterdam\x00 police\x00 station " * 3, path="a.txt")
    assert "\x00" not in doc.text and "Rotterdam police station" in doc.text


def test_pdf_text_is_read():
    doc = load_bytes(make_pdf("Police station in Rotterdam ordered closed"), path="r.pdf")
    assert not doc.errors and "Rotterdam" in doc.text and doc.media_type == "application/pdf"


def test_a_pdf_decompression_bomb_is_rejected_not_stored_empty():
    doc = load_bytes(make_pdf_bomb(), path="bomb.pdf")
    assert doc.errors and ("decompression limit" in doc.errors[0] or "no text" in doc.errors[0])
    assert doc.text == ""


def test_broken_pdfs_are_errors():
    doc = load_bytes(b"%PDF-1.7\n garbage garbage", path="x.pdf")
    assert doc.errors and doc.text == ""


def test_every_dev_document_loads(tmp_path):
    for path in sorted((DEV / "docs").iterdir()):
        doc = next(load_path(path))
        assert not doc.errors and len(doc.text) > 200, path.name
    assert Path(DEV / "docs").exists()
