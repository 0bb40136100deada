"""Every legacy encoding of the press decodes right, declared or not."""

import codecs

import pytest

from stationwatch.ingest.decode import decode
from tests.conftest import DEV_DOCS

ZH = "福州警侨事务海外服务站在荷兰鹿特丹"
ZH_HANT = "福州警僑事務海外服務站在荷蘭鹿特丹"
SAMPLES = [
    ("gb18030", ZH), ("gbk", ZH), ("big5", ZH_HANT), ("cp1252", "Comisarías chinas en España"),
    ("shift_jis", "ロッテルダムの非公式警察署について"),
    ("euc-kr", "로테르담의 중국 비밀경찰서 의혹"),
    ("utf-8", "Čínské policejní stanice v Praze"),
]


@pytest.mark.parametrize(("codec", "text"), SAMPLES)
def test_declared_charset_in_meta_decodes(codec, text):
    html = f'<html><head><meta charset="{codec}"></head><body><p>{text}</p></body></html>'
    out, used = decode(html.encode(codec))
    assert text in out


@pytest.mark.parametrize(("codec", "text"), SAMPLES)
def test_http_header_charset_decodes(codec, text):
    out, _ = decode(text.encode(codec), content_type=f"text/plain; charset={codec}")
    assert out == text


@pytest.mark.parametrize(("codec", "text"), SAMPLES)
def test_undeclared_bytes_are_detected(codec, text):
    body = ("<p>" + text + "</p>\n") * 20  # detectors need a little text
    out, used = decode(body.encode(codec))
    assert text in out, (codec, used)


@pytest.mark.parametrize(("name", "codec"), [("d025.html", "gb18030"), ("d028.txt", "gb18030"),
                                              ("d034.html", "cp1252")])
def test_a_wrong_declared_charset_falls_back_to_what_decodes(name, codec):
    text = (DEV_DOCS / name).read_text(encoding="utf-8")
    text = text.encode(codec, errors="ignore").decode(codec)
    out, used = decode(text.encode(codec), content_type="text/html; charset=utf-8")
    assert out == text, used


def test_utf16_without_bom_is_recognised():
    text = "Chinese police station in Rotterdam ordered closed. " * 5
    assert decode(text.encode("utf-16-le"))[0] == text
    assert decode(text.encode("utf-16-be"))[0] == text


def test_boms_win():
    assert decode(codecs.BOM_UTF8 + "héllo".encode())[0] == "héllo"
    assert decode("héllo".encode("utf-16"))[0] == "héllo"


def test_invalid_utf8_never_raises():
    out, _ = decode(b"Rotterdam \xff\xfe\xfd police \xc3")
    assert "Rotterdam" in out
