import json

import pytest

from stationwatch.ingest import load_path
from stationwatch.text import detect_language, fold_term, normalize
from tests.conftest import DEV


def test_language_of_every_dev_document_is_identified():
    gold = [json.loads(x) for x in (DEV / "gold.jsonl").read_text().splitlines()]
    for g in gold:
        doc = next(load_path(DEV / g["file"]))
        assert detect_language(doc.text) == g["lang"], g["id"]


@pytest.mark.parametrize("text", ["", "12345 !!!", "\ud800 lone surrogate", "\x00\x01\x02"])
def test_language_id_never_fails(text):
    assert isinstance(detect_language(text), str)


@pytest.mark.parametrize(("original", "needle", "expected"), [
    ("The ＦＵＺＨＯＵ bureau", "fuzhou", "ＦＵＺＨＯＵ"),
    ("福州警僑事務海外服務站", "海外服务站", "海外服務站"),
    ("in São Paulo today", "sao paulo", "São Paulo"),
    ("İstanbul and Dobroeşti", "dobroesti", "Dobroeşti"),
    ("Ciudad de MÉXICO", "mexico", "MÉXICO"),
])
def test_normalized_matches_map_back_to_the_original_words(original, needle, expected):
    n = normalize(original)
    i = n.text.index(needle)
    start, end = n.span(i, i + len(needle))
    assert original[start:end] == expected


def test_terms_fold_like_text():
    assert fold_term("溫州市公安局") == "温州市公安局"
    assert fold_term("Comisarías") == "comisarias"
