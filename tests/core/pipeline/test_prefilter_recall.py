"""Prefilter recall 1.0 under the relevance condition the learned model keeps.

A document may be relevant only if its main text holds a strong term, or a China cue (a china
term or a bureau name) together with a police, weak or return_cues term. Every document of
eval/corpus/train and eval/corpus/dev whose main text (as the core loader extracts it) meets
that condition must pass the prefilter on its raw bytes. The condition is checked here on the
normalized main text by plain substring search, independently of the prefilter's patterns.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from stationwatch.ingest import load_path
from stationwatch.pipeline.anchors import CHINA, SECOND, STRONG, Term, terms
from stationwatch.pipeline.prefilter import _text_prefilter, may_be_relevant
from stationwatch.text import normalize
from tests.conftest import REPO

CORPUS = REPO / "eval" / "corpus"
CJK_START = 0x1100


def _spaced(ch: str) -> bool:
    return ord(ch) < CJK_START


def _holds(text: str, term: Term) -> bool:
    """The matcher's rule, less strict: a Latin term starts a word and, unless a stem, ends
    one (stems apply in every language; capitals are not required)."""
    key, start = term.key, text.find(term.key)
    while start >= 0:
        end = start + len(key)
        if not (_spaced(key[0]) and start > 0 and text[start - 1].isalnum()) and (
                term.stem or not (_spaced(key[-1]) and end < len(text) and text[end].isalnum())):
            return True
        start = text.find(key, start + 1)
    return False


def meets_condition(main_text: str, vocabulary: list[Term]) -> bool:
    text = normalize(main_text).text
    found = {t.group for t in vocabulary if _holds(text, t)}
    return STRONG in found or {CHINA, SECOND} <= found


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
    vocabulary = terms()
    return [(name, path.read_bytes(), doc.text) for name, path in _documents()
            for doc in load_path(path) if meets_condition(doc.text, vocabulary)]


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


def test_return_cues_are_second_cues_when_terms_yaml_lists_them(monkeypatch):
    from stationwatch import vocab

    listed = vocab.check_word_lists("terms.yaml")
    assert all(t.key != "heimkehr" for t in terms() if t.group == SECOND) or \
        "return_cues" in listed
    with_cues = {**listed, "return_cues": {"de": ["Heimkehr"], "zh": ["回国"]}}
    monkeypatch.setattr(vocab, "check_word_lists", lambda name: with_cues)
    second = {t.key for t in terms() if t.group == SECOND}
    assert {"heimkehr", "回国"} <= second


@pytest.mark.parametrize(("payload", "passes"), [
    (b"<p>China reported record exports.</p>", False),  # a China cue alone
    (b"<p>Officers questioned them.</p>", False),  # a second cue alone
    (b"<p>China opened an estaci\xc3\xb3n here.</p>", True),  # 'estacion', with its accent
    ("<p>中國警方表示</p>".encode("big5"), True),  # traditional script, Big5
    (b"<p>The MPS and the police</p>", True),  # an acronym, upper case as required
    (b"<p>the mps and the police</p>", False),
    (b"<p>an overseas \xe2\x80\x9cpolice station\xe2\x80\x9d</p>", True),  # strong, quoted
])
def test_the_prefilter_passes_a_strong_term_or_a_china_cue_with_a_second_cue(payload, passes):
    assert may_be_relevant(payload) is passes


@pytest.mark.parametrize("payload", [
    b"<p>La police de P&eacute;kin enqu&ecirc;te.</p>",  # a China cue, with a second cue
    b"<p>Policie vy&#353;et&#345;uje slu&#382;ebny.</p>",  # a strong term
])
def test_letters_written_as_html_entities_count(payload):
    assert may_be_relevant(payload)
