"""Real-world input kinds read right (issue 13): each handed file of tests/data/cases/inputs
with its right value, and a sibling of the same kind written here, so the fix is of the kind."""

import gzip
import zlib
from pathlib import Path

import pytest

from stationwatch.extract import extract
from stationwatch.ingest import load_bytes, load_path
from stationwatch.ingest.warc import (
    FLAG_RAW_CONTENT,
    FLAG_RAW_TRANSFER,
    WarcStats,
    iter_responses,
)
from tests.conftest import REPO
from tests.data.warcs import http_response, page, record, warc_gz

INPUTS = REPO / "tests" / "data" / "cases" / "inputs"
STATION = ("The Dutch foreign ministry said on Tuesday that it was investigating two so-called "
           "overseas police service stations in Rotterdam and Amsterdam, which are reported to "
           "be run by the Fuzhou public security bureau.")


def docs(path: Path, stats: WarcStats | None = None):
    return list(load_path(path, stats))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- WARC: a declared encoding that does not apply costs that record only -------------------

@pytest.mark.parametrize(("name", "count", "raw"), [
    ("01-warc-stale-chunked-header.warc.gz", 3, FLAG_RAW_TRANSFER),
    ("02-warc-stale-gzip-header.warc.gz", 4, FLAG_RAW_CONTENT)])
def test_stale_encoding_header_is_read_raw_and_flagged_and_the_file_goes_on(name, count, raw):
    found = docs(INPUTS / name)
    assert len(found) == count and not any(d.errors for d in found)
    assert all("Rotterdam" in d.text or "Utrecht" in d.text for d in found)
    assert [raw in d.flags for d in found] == [i == 1 for i in range(count)]


def test_stale_brotli_and_chunked_headers_in_one_record_then_real_ones(tmp_path):
    body = page(STATION)
    zipped = gzip.compress(body)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(zipped[i:i + 100]), zipped[i:i + 100])
                       for i in range(0, len(zipped), 100)) + b"0\r\n\r\n"
    path = write(tmp_path, "sibling.warc.gz", warc_gz(
        record(http_response(body, "Content-Type: text/html", "Content-Encoding: br",
                             "Transfer-Encoding: chunked"), uri="https://a.example/stale"),
        record(http_response(chunked, "Content-Type: text/html",
                             "Transfer-Encoding: chunked", "Content-Encoding: gzip"),
               uri="https://a.example/real-chunked-gzip"),
        record(http_response(zlib.compress(body), "Content-Type: text/html",
                             "Content-Encoding: deflate"), uri="https://a.example/zlib"),
        record(http_response(body, "Content-Type: text/html"), uri="https://a.example/last")))
    found = docs(path)
    assert [d.uri for d in found] == ["https://a.example/stale",
                                      "https://a.example/real-chunked-gzip",
                                      "https://a.example/zlib", "https://a.example/last"]
    assert all(extract(d).relevant for d in found)
    assert set(found[0].flags) == {FLAG_RAW_TRANSFER, FLAG_RAW_CONTENT}
    assert not any(d.flags for d in found[1:])


# --- WARC: resource and conversion records read like responses; the others counted ----------

def test_resource_records_are_read():
    stats = WarcStats()
    found = docs(INPUTS / "03-warc-resource-records-only.warc.gz", stats)
    assert len(found) == 1 and extract(found[0]).relevant
    assert found[0].uri == "file:///reports/station.html"
    assert stats.read == 1


def test_conversion_records_read_and_other_records_counted_as_skipped(tmp_path):
    path = write(tmp_path, "mixed.warc", b"".join([
        record(b"software: test\r\n", kind="warcinfo", content_type="application/warc-fields"),
        record(b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n", kind="request",
               content_type="application/http; msgtype=request"),
        record(STATION.encode(), kind="conversion", content_type="text/plain; charset=utf-8",
               uri="https://a.example/report.pdf"),
        record(b"via: x\r\n", kind="metadata", content_type="application/warc-fields")]))
    stats = WarcStats()
    found = docs(path, stats)
    assert len(found) == 1 and extract(found[0]).relevant
    assert stats.read == 1 and dict(stats.skipped) == {"warcinfo": 1, "request": 1,
                                                       "metadata": 1}
    assert "3 skipped" in str(stats)


def test_a_warc_without_any_document_record_is_an_error_not_silence(tmp_path):
    path = write(tmp_path, "requests.warc", record(
        b"GET / HTTP/1.1\r\nHost: a.example\r\n\r\n", kind="request",
        content_type="application/http; msgtype=request"))
    (only,) = docs(path)
    assert only.errors and "request 1" in only.errors[0]


# --- WARC: segmented records joined by WARC-Segment-Origin-ID -------------------------------

def test_segmented_record_is_joined(tmp_path):
    message = http_response(gzip.compress(page(STATION)), "Content-Type: text/html",
                            "Content-Encoding: gzip")
    first_id = "<urn:uuid:00000000-0000-0000-0000-000000000001>"
    cut = len(message) // 2
    path = write(tmp_path, "segmented.warc.gz", warc_gz(
        record(message[:cut], record_id=first_id, uri="https://a.example/long",
               extra={"WARC-Segment-Number": "1"}),
        record(page("Nothing here.", "Other"), kind="resource", content_type="text/html",
               uri="https://a.example/between"),
        record(message[cut:], kind="continuation", content_type="",
               uri="https://a.example/long",
               extra={"WARC-Segment-Origin-ID": first_id, "WARC-Segment-Number": "2",
                      "WARC-Segment-Total-Length": str(len(message))})))
    found = {d.uri: d for d in docs(path)}
    assert set(found) == {"https://a.example/long", "https://a.example/between"}
    long = found["https://a.example/long"]
    assert not long.errors and not long.flags and "Amsterdam" in long.text


def test_a_segment_whose_rest_is_missing_is_an_error_entry(tmp_path):
    path = write(tmp_path, "cut.warc", record(http_response(b"<html>", "Content-Type: text/html"),
                                              extra={"WARC-Segment-Number": "1"}))
    (only,) = docs(path)
    assert only.errors and "incomplete" in only.errors[0]


# --- WARC: the HTTP header's charset, the URI's bytes, the dates -----------------------------

def test_http_header_charset_is_honoured():
    hu, zh = docs(INPUTS / "05-warc-http-header-charset.warc")
    assert "Kínai rendőrőrs Budapesten" in hu.text and hu.encoding == "cp1250"
    assert "鹿特丹" in zh.text
    assert extract(zh).lang == "zh" and extract(zh).relevant


def test_http_header_charset_czech_sibling(tmp_path):
    text = "Čínská policejní stanice v Praze: ministerstvo vnitra věc prošetřuje."
    path = write(tmp_path, "cz.warc", record(http_response(
        text.encode("cp1250"), "Content-Type: text/plain; charset=windows-1250")))
    (doc,) = docs(path)
    assert doc.text == text


@pytest.mark.parametrize("uri", [b"https://a.example/caf\xe9", b"https://a.example/\x80?q=\xff"])
def test_target_uri_bytes_are_kept_percent_encoded(tmp_path, uri):
    path = write(tmp_path, "uri.warc", record(http_response(page(STATION),
                                                             "Content-Type: text/html"), uri=uri))
    (doc,) = docs(path)
    assert "\ufffd" not in doc.uri
    from urllib.parse import unquote_to_bytes
    assert unquote_to_bytes(doc.uri) == uri


def test_handed_latin1_uri():
    found = docs(INPUTS / "06-warc-latin1-target-uri.warc")
    assert [d.uri for d in found] == ["https://news.example/caf%E9-article",
                                      "https://news.example/after-latin1"]


def test_utf8_uri_is_kept_as_it_is(tmp_path):
    path = write(tmp_path, "u.warc", record(http_response(page(STATION), "Content-Type: text/html"),
                                            uri="https://a.example/café"))
    assert docs(path)[0].uri == "https://a.example/café"


def test_dates_travel_from_the_archive_and_the_page():
    (doc,) = docs(INPUTS / "11-warc-article-dated-2022.warc.gz")
    assert doc.retrieved_at == "2022-10-26T08:00:00Z"
    assert doc.published_at == "2022-10-26T07:00:00Z"  # 09:00+02:00


def test_dates_sibling_json_ld_and_unknown(tmp_path):
    dated = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
             '"datePublished": "2023-04-18"}</script></head><body><article><p>'
             f"{STATION}</p></article><footer>Copyright 2026</footer></body></html>").encode()
    undated = (f"<html><body><article><p>{STATION}</p></article>"
               "<footer>Copyright 2026 Example</footer></body></html>").encode()
    path = write(tmp_path, "d.warc", record(http_response(dated, "Content-Type: text/html"),
                                            date="2023-05-01T10:11:12Z")
                 + record(http_response(undated, "Content-Type: text/html"),
                          date="2024-01-02T03:04:05Z"))
    first, second = docs(path)
    assert (first.published_at, first.retrieved_at) == ("2023-04-18", "2023-05-01T10:11:12Z")
    assert (second.published_at, second.retrieved_at) == (None, "2024-01-02T03:04:05Z")
    assert load_bytes(undated, path="x.html").published_at is None  # never a copyright year
    assert load_bytes(undated, path="x.html").retrieved_at is None


def test_iter_responses_gives_the_decoded_payload_for_the_scan(tmp_path):
    body = page(STATION)
    path = write(tmp_path, "s.warc.gz", warc_gz(record(http_response(
        gzip.compress(body), "Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip"))))
    (rec,) = list(iter_responses(str(path)))
    assert rec.payload == body and rec.content_type == "text/html; charset=utf-8"


# --- Encodings: ties broken by the language's usual encodings; short CJK posts ---------------

def test_handed_hungarian_cp1250():
    doc = next(load_path(INPUTS / "07-hu-article-cp1250.txt"))
    assert doc.encoding == "cp1250" and "Kínai rendőrőrs Budapesten" in doc.text
    assert "õ" not in doc.text and "û" not in doc.text


@pytest.mark.parametrize("text", [
    "Čínská policejní stanice v Praze: ministerstvo vnitra věc prošetřuje.",
    "Chińskie komisariaty policji w Polsce: śledztwo prokuratury.",
    "Secţia de poliţie chineză din Bucureşti, anchetă.",
    "A rendőrség szerint a kínai őrs működését a külügyminisztérium vizsgálja."])
def test_central_european_cp1250_siblings(text):
    doc = load_bytes(text.encode("cp1250"), path="x.txt")
    assert doc.text == text and doc.encoding == "cp1250"


def test_handed_short_big5_post_is_chinese():
    doc = next(load_path(INPUTS / "08-zh-short-post-big5.txt"))
    assert doc.text == "福州公安在鹿特丹設有海外警察服務站"
    result = extract(doc)
    assert result.lang == "zh" and result.relevant


@pytest.mark.parametrize(("codec", "text"), [
    ("gbk", "福州公安在鹿特丹设有海外警察服务站"), ("gbk", "海外警察服务站"),
    ("gb18030", "据报道，福州警侨事务海外服务站设在荷兰鹿特丹。"), ("big5", "海外警察服務站")])
def test_short_gbk_and_big5_siblings_are_chinese_not_shift_jis_or_utf16(codec, text):
    doc = load_bytes(text.encode(codec), path="post.txt")
    assert doc.text == text, doc.encoding
    assert not doc.encoding.startswith(("utf_16", "shift", "cp932"))


def test_utf16_without_bom_needs_nul_bytes():
    from stationwatch.ingest.decode import decode

    text = "Chinese police station in Rotterdam ordered closed. " * 3
    assert decode(text.encode("utf-16-le"))[0] == text
    # Even-length CJK bytes with no NUL byte are never read as UTF-16.
    for sample in ("福州公安海外警察服务站", "警察站"):
        assert not decode(sample.encode("gbk"))[1].startswith("utf_16")


# --- Invisible characters folded away in matching and search, offsets kept ------------------

def test_handed_soft_hyphen_text_is_extracted_with_exact_quotes():
    doc = next(load_path(INPUTS / "13-de-softhyphen.txt"))
    result = extract(doc)
    assert result.relevant
    assert ("DE", "Frankfurt") in {(s["country"], s["city"]) for s in result.stations}
    for station in result.stations:
        for ev in station["evidence"]:
            assert doc.text[ev["start"]:ev["end"]] == ev["quote"]


@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_each_invisible_character_is_folded_in_matching_and_search(mark):
    from stationwatch.text import normalize, search_key

    text = (f"Die Polizei prüft eine chinesische Polizei{mark}station in Ham{mark}burg, "
            f"betrieben von der Polizei in Qing{mark}tian.")
    result = extract(load_bytes(text.encode(), path="x.txt"))
    assert result.relevant
    assert ("DE", "Hamburg") in {(s["country"], s["city"]) for s in result.stations}
    quote = result.stations[0]["evidence"][0]
    assert text[quote["start"]:quote["end"]] == quote["quote"]
    assert search_key("Hamburg") in search_key(text)
    assert search_key(f"Qing{mark}tian") == search_key("Qingtian")
    norm = normalize(text)
    start = norm.text.index("hamburg")
    assert text[slice(*norm.span(start, start + len("hamburg")))] == f"Ham{mark}burg"


# --- PDF: broken ToUnicode maps, no xref table, wrapped and hyphenated lines -----------------

def _raw_pypdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data), strict=False).pages[0].extract_text()


def test_handed_lone_surrogate_pdf_is_read_without_surrogates():
    doc = next(load_path(INPUTS / "09-pdf-tounicode-lone-surrogate.pdf"))
    assert not doc.errors and "Rotterdam" in doc.text
    doc.text.encode("utf-8")  # a lone surrogate would raise here


def test_lone_surrogate_sibling_and_a_pair_made_whole():
    from stationwatch.ingest.pdf import repair_surrogates
    from tests.data.pdf_lines import lone_surrogate_cmap, make_lines_pdf

    pdf = make_lines_pdf(["A Chinese police station in Rotterdam run by the Fuzhou police."],
                         to_unicode=lone_surrogate_cmap(ord("A")))
    assert "\ud83d" in _raw_pypdf_text(pdf)  # the fault is there
    doc = load_bytes(pdf, path="s.pdf")
    assert not doc.errors and doc.text.startswith("Chinese police station")
    assert repair_surrogates("a\ud83d\ude00b\udc00c") == "a\U0001f600bc"


def test_a_pdf_that_pypdf_cannot_read_is_an_error_entry_and_the_others_go_on(tmp_path):
    from stationwatch.ingest import load_inputs
    from tests.data.pdf_lines import korean_uhc_font, make_lines_pdf

    broken = write(tmp_path, "a-broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R"
                   b" >> endobj trailer << /Root 1 0 R >>\n%%EOF")
    korean = write(tmp_path, "b-korean.pdf", make_lines_pdf(
        ["\xb0\xa1\xb0\xa2"], font=korean_uhc_font(), encoding="latin-1"))
    good = write(tmp_path, "c-good.txt", STATION.encode())
    found = {Path(d.path).name: d for d in load_inputs([broken, korean, good])}
    assert found["a-broken.pdf"].errors
    assert not found["b-korean.pdf"].errors and found["b-korean.pdf"].text == "낡낢"
    assert extract(found["c-good.txt"]).relevant


def test_handed_pdf_without_xref_table_is_rebuilt():
    doc = next(load_path(INPUTS / "15-pdf-no-xref-table.pdf"))
    assert not doc.errors and "Fuzhou public security bureau" in doc.text


def test_pdf_without_xref_sibling():
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from tests.data.pdf_lines import make_lines_pdf, without_xref

    pdf = without_xref(make_lines_pdf(["Chinese police station in Prague, Czech Republic."]))
    with pytest.raises(PdfReadError):
        PdfReader(io.BytesIO(pdf), strict=False)
    doc = load_bytes(pdf, path="x.pdf")
    assert not doc.errors and doc.text == "Chinese police station in Prague, Czech Republic."


def _claims(result):
    return ({(s["country"], s["city"], s["bureau"]) for s in result.stations},
            {b["name"] for b in result.bureaus})


def _quotes_exact(doc, result):
    for item in result.stations + result.bureaus + result.responses:
        for ev in item["evidence"]:
            assert doc.text[ev["start"]:ev["end"]] == ev["quote"]


def test_handed_wrapped_pdf_gives_the_same_claims_as_its_text():
    pdf = next(load_path(INPUTS / "26-pdf-line-wrapped-en.pdf"))
    txt = next(load_path(INPUTS / "26-same-text-en.txt"))
    assert _claims(extract(pdf)) == _claims(extract(txt))
    assert ("NL", "Rotterdam", "Fuzhou") in _claims(extract(pdf))[0]
    _quotes_exact(pdf, extract(pdf))


GERMAN = ("Die hessische Polizei prüft Hinweise auf eine chinesische Polizeistation in Frankfurt, "
          "die nach Angaben einer Menschenrechtsgruppe von der Polizeibehörde in Qingtian "
          "betrieben wird. Die Ermittlungen dauern nach Angaben der Behörden an.")


@pytest.mark.parametrize("lines", [
    # wrapped between words
    ["Die hessische Polizei prüft Hinweise auf eine chinesische Polizeistation",
     "in Frankfurt, die nach Angaben einer Menschenrechtsgruppe von der Polizei-",
     "behörde in Qingtian betrieben wird. Die Ermittlungen dauern nach Angaben",
     "der Behörden an."],
    # hyphenated inside the names
    ["Die hessische Polizei prüft Hinweise auf eine chinesische Polizeista-",
     "tion in Frankfurt, die nach Angaben einer Menschenrechtsgruppe von der",
     "Polizeibehörde in Qing-",
     "tian betrieben wird. Die Ermittlungen dauern nach Angaben der Behörden an."]])
def test_german_wrapped_and_hyphenated_pdf_siblings_read_like_the_text(lines):
    from tests.data.pdf_lines import make_lines_pdf

    doc = load_bytes(make_lines_pdf(lines, heading="Chinesische Polizeistation in Frankfurt"),
                     path="de.pdf")
    assert doc.text == "Chinesische Polizeistation in Frankfurt\n" + GERMAN
    result = extract(doc)
    assert ("DE", "Frankfurt", "Qingtian") in _claims(result)[0]
    _quotes_exact(doc, result)


def test_line_joining_keeps_lists_headings_and_compounds():
    from stationwatch.ingest.pdf import join_lines

    page = ("Report on the stations\n"
            "The group listed the following overseas police service stations run by the\n"
            "Fuzhou public security bureau in three European cities, among them the Hongkong-\n"
            "Chinesen quarter:\n"
            "• Rotterdam, Netherlands\n"
            "• Glasgow, United Kingdom\n"
            "海外警察服务站设在荷兰鹿特丹，据报道由福州市公安局设立并管理，当地警方表示正在调\n"
            "查。")
    assert join_lines(page) == (
        "Report on the stations\n"
        "The group listed the following overseas police service stations run by the Fuzhou "
        "public security bureau in three European cities, among them the Hongkong-Chinesen "
        "quarter:\n"
        "• Rotterdam, Netherlands\n"
        "• Glasgow, United Kingdom\n"
        "海外警察服务站设在荷兰鹿特丹，据报道由福州市公安局设立并管理，当地警方表示正在调查。")


# --- HTML: lists kept in the main text, one item a line --------------------------------------

def _lines(doc):
    return [line.strip("-• ").strip() for line in doc.text.splitlines()]


def test_handed_body_level_list_is_kept_one_item_a_line():
    doc = next(load_path(INPUTS / "10-html-body-level-list.html"))
    lines = _lines(doc)
    for city, bureau in (("Rotterdam", "Fuzhou"), ("Glasgow", "Fuzhou"), ("Prague", "Qingtian")):
        assert (f"An overseas police service station in {city} was run by the {bureau} police."
                in lines)
    stations = {(s["country"], s["city"]) for s in extract(doc).stations}
    assert {("NL", "Rotterdam"), ("GB", "Glasgow"), ("CZ", "Prague")} <= stations


def test_handed_li_span_list_reaches_the_main_text_one_place_a_line():
    doc = next(load_path(INPUTS / "25-html-list-li-span.html"))
    lines = _lines(doc)
    for place in ("Rotterdam, Netherlands", "Glasgow, United Kingdom", "Prague, Czech Republic"):
        assert place in lines
    assert "Home" not in lines and "About us" not in lines  # navigation still dropped


@pytest.mark.parametrize("wrap", ["{}", "<div>{}</div>", "<section><p>{}</p></section>"])
def test_list_siblings_directly_under_body_or_a_plain_div(wrap):
    items = "".join(f"<li><span><b>{c}</b>, {n}</span></li>" for c, n in
                    (("Toronto", "Canada"), ("Prato", "Italy"), ("Madrid", "Spain")))
    intro = ("<p>Safeguard Defenders has listed overseas police service stations run by the "
             "Qingtian public security bureau in the following cities.</p>")
    html = (f"<html><head><title>Stations</title></head><body>{intro}"
            f"{wrap.format('<ol>' + items + '</ol>')}<p>The list is not complete, the group "
            "said, and more sites are likely to be found.</p></body></html>")
    lines = _lines(load_bytes(html.encode(), path="l.html"))
    for place in ("Toronto, Canada", "Prato, Italy", "Madrid, Spain"):
        assert place in lines


# --- Inputs: non-regular files refused by type, sizes capped while reading -------------------

def test_read_capped_refuses_devices_and_pipes_and_caps_while_reading(tmp_path):
    import os

    from stationwatch.errors import DocumentError
    from stationwatch.ingest.sources import read_capped

    with pytest.raises(DocumentError, match="character device"):
        read_capped(Path("/dev/zero"), 1024)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="a pipe"):
        read_capped(fifo, 1024)
    big = write(tmp_path, "big.txt", b"x" * 5000)
    with pytest.raises(DocumentError, match="too large"):
        read_capped(big, 4999)
    assert read_capped(big, 5000) == b"x" * 5000


def test_load_inputs_expands_folders_and_reports_bad_items(tmp_path):
    from stationwatch.ingest import load_inputs

    (tmp_path / "d" / "e").mkdir(parents=True)
    write(tmp_path / "d" / "e", "b.txt", STATION.encode())
    write(tmp_path / "d", "a.warc", record(http_response(page(STATION), "Content-Type: text/html")))
    notes: list[str] = []
    found = list(load_inputs([tmp_path / "d", "/dev/null", tmp_path / "nope"], notes.append))
    assert [Path(d.path).name for d in found] == ["a.warc", "b.txt", "null", "nope"]
    assert [bool(d.errors) for d in found] == [False, False, True, True]
    assert notes == [f"{tmp_path / 'd' / 'a.warc'}: 1 document record(s) read, 0 skipped"]


def test_soft_hyphen_pdf_sibling_and_a_ragged_right_margin():
    from tests.data.pdf_lines import make_lines_pdf

    lines = ["Die hessische Polizei prüft Hinweise auf eine chinesische Polizei\xadstation in",
             "Frank\xadfurt,",  # a ragged margin: short, but the sentence goes on
             "die nach Angaben einer Menschen\xadrechts\xadgruppe von der Polizei\xadbehörde in",
             "Qing\xad",
             "tian betrieben wird."]
    doc = load_bytes(make_lines_pdf(lines, heading="Chinesische Polizei\xadstation in Frankfurt"),
                     path="soft.pdf")
    assert "\n" not in doc.text.split("\n", 1)[1]  # the paragraph is one line
    result = extract(doc)
    assert ("DE", "Frankfurt", "Qingtian") in _claims(result)[0]
    _quotes_exact(doc, result)


@pytest.mark.parametrize("cut", [20, 60, -40])  # inside the status line, the headers, the body
@pytest.mark.parametrize("continuation_type", ["", "application/http; msgtype=response"])
def test_segmented_record_split_anywhere_is_joined(tmp_path, cut, continuation_type):
    body = page(STATION)
    message = http_response(body, "Content-Type: text/html; charset=utf-8",
                            "X-Padding: " + "x" * 40)
    first_id = "<urn:uuid:00000000-0000-0000-0000-000000000002>"
    path = write(tmp_path, "seg.warc", b"".join([
        record(message[:cut], record_id=first_id, uri="https://a.example/seg",
               extra={"WARC-Segment-Number": "1"}),
        record(message[cut:], kind="continuation", content_type=continuation_type,
               uri="https://a.example/seg",
               extra={"WARC-Segment-Origin-ID": first_id.strip("<>"),
                      "WARC-Segment-Number": "2",
                      "WARC-Segment-Total-Length": str(len(message))})]))
    (doc,) = docs(path)
    assert not doc.errors and doc.media_type.startswith("text/html")
    assert extract(doc).relevant and "Amsterdam" in doc.text


def test_a_record_with_unreadable_http_headers_is_an_error_and_the_file_goes_on(tmp_path):
    path = write(tmp_path, "bad.warc", record(b"\x00\x01 not http at all\r\n" + b"x" * 70_000)
                 + record(http_response(page(STATION), "Content-Type: text/html"),
                          uri="https://a.example/after"))
    found = docs(path)
    assert found[-1].uri == "https://a.example/after" and extract(found[-1]).relevant


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_a_record_that_inflates_past_the_cap_is_refused_not_read_whole(tmp_path, monkeypatch,
                                                                        coding):
    import brotli

    import stationwatch.ingest.warc as warc_mod

    monkeypatch.setattr(warc_mod, "MAX_RECORD_BYTES", 100_000)
    bomb = b"a" * 5_000_000
    packed = gzip.compress(bomb) if coding == "gzip" else brotli.compress(bomb)
    path = write(tmp_path, "bomb.warc", record(http_response(
        packed, "Content-Type: text/html", f"Content-Encoding: {coding}"))
        + record(http_response(page(STATION), "Content-Type: text/html"),
                 uri="https://a.example/after"))
    first, second = docs(path)
    assert first.errors and "too large" in first.errors[0]
    assert second.uri == "https://a.example/after" and not second.errors


@pytest.mark.parametrize("coding", ["deflate", "x-gzip", "zstd", "gzip, br"])
def test_any_stale_content_encoding_leaves_the_body_raw_and_flagged(coding):
    from stationwatch.ingest.warc import decode_body

    body = page(STATION)
    assert decode_body(body, "", coding) == (body, (FLAG_RAW_CONTENT,))
    assert decode_body(body, "", "identity") == (body, ())
