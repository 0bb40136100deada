"""Prefilter recall 1.0 under the relevance condition the extractor keeps.

The extractor calls a document relevant only when its main text meets
vocab.may_be_about_stations (extract/relevance.py's gate, over the matcher's own matches:
lemmas, stems and inflected forms included). Every document of eval/corpus/train and
eval/corpus/dev whose main text meets it must pass the prefilter on its raw bytes.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from stationwatch.extract.extractor import analyse
from stationwatch.extract.relevance import gate
from stationwatch.ingest import load_path
from stationwatch.pipeline.anchors import GROUPS, terms
from stationwatch.pipeline.prefilter import _text_prefilter, may_be_relevant
from stationwatch.text import detect_language
from tests.conftest import REPO

CORPUS = REPO / "eval" / "corpus"


def meets_condition(main_text: str) -> bool:
    from stationwatch.ingest import load_bytes

    doc = load_bytes(main_text.encode("utf-8"), path="main.txt")
    return gate(analyse(doc, detect_language(doc.text)))


def _documents() -> list[tuple[str, Path]]:
    out = []
    for corpus in ("train", "dev"):
        for line in (CORPUS / corpus / "gold.jsonl").read_text("utf-8").splitlines():
            if line.strip():
                gold = json.loads(line)
                out.append((f"{corpus}/{gold['id']}", CORPUS / corpus / gold["file"]))
    return out


def test_the_corpora_are_in_the_repository():
    docs = _documents()
    assert len(docs) >= 261 and all(path.is_file() for _, path in docs)


@cache
def _meeting() -> list[tuple[str, bytes, str]]:
    """(name, raw bytes, main text) of every document whose main text meets the condition."""
    return [(name, path.read_bytes(), doc.text) for name, path in _documents()
            for doc in load_path(path)
            if gate(analyse(doc, detect_language(doc.text)))]


def test_every_document_meeting_the_relevance_condition_passes_the_prefilter():
    meeting = _meeting()
    assert len(meeting) >= 200  # most of the corpus: the check is not vacuous
    missed = [name for name, raw, _ in meeting if not may_be_relevant(raw)]
    assert not missed, f"the prefilter drops {len(missed)} of {len(meeting)}: {missed}"


def test_without_hyperscan_the_fallback_passes_them_too():
    fallback = _text_prefilter()
    missed = [name for name, raw, _ in _meeting() if not fallback.passes(raw)]
    assert not missed, missed


@pytest.mark.parametrize("encoding", ["gb18030", "big5", "shift_jis", "euc-kr", "cp1250",
                                      "cp1252", "utf-16"])
def test_main_texts_meeting_the_condition_pass_in_every_encoding(encoding):
    missed = []
    for name, _, text in _meeting():
        try:
            raw = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        if not may_be_relevant(raw):
            missed.append(name)
    assert not missed, missed


def test_every_cue_section_of_the_condition_gives_prefilter_terms():
    groups = {t.group for t in terms()}
    assert set(GROUPS.values()) <= groups
    returns = {t.key for t in terms() if t.group == GROUPS["return"]}
    assert {"heimkehr", "回国"} <= returns


@pytest.mark.parametrize(("payload", "passes"), [
    (b"<p>China reported record exports.</p>", False),  # a China cue alone
    (b"<p>Officers questioned them.</p>", False),  # a second cue alone
    (b"<p>China's police said so.</p>", False),  # China and police, but no office or return
    (b"<p>China's police opened an estaci\xc3\xb3n.</p>", True),  # 'estacion', accented
    ("<p>中國警方在海外設立服務站</p>".encode("big5"), True),  # traditional script, Big5
    (b"<p>The MPS and the police office</p>", True),  # an acronym, upper case as required
    (b"<p>the mps and the police office</p>", False),
    (b"<p>Chinese agents abroad urged him to return to China.</p>", True),  # return + abroad
    (b"<p>an overseas \xe2\x80\x9cpolice station\xe2\x80\x9d</p>", True),  # strong, quoted
])
def test_the_prefilter_passes_what_the_relevance_condition_may_accept(payload, passes):
    assert may_be_relevant(payload) is passes


@pytest.mark.parametrize("payload", [
    b"<p>La police de P&eacute;kin ouvre un bureau.</p>",  # China, police and office cues
    b"<p>Policie vy&#353;et&#345;uje slu&#382;ebny.</p>",  # a strong term
])
def test_letters_written_as_html_entities_count(payload):
    assert may_be_relevant(payload)
