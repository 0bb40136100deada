"""Sentence spans over the original text (Latin and CJK punctuation, paragraph breaks).

A semicolon joins clauses of one sentence ('The first was in Bergen; the others in Odense'), so
it does not end one; clauses are the extractor's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .matcher import Match

_END = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+"
                  r"(?=[\"'“‘«(]?[A-ZÀ-ÖØ-ÞČŘŠŽŐŰ0-9\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])"
                  r"|(?<=[。！？])|\n\s*\n|\n(?=\S)|\s*(?=[•·▪●])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; together they cover the text."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        end = m.start() if m.start() > start else m.end()
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            out.append((s + lead, e - trail))
    return out


@dataclass
class Sentence:
    """A sentence (original offsets) and the vocabulary matches inside it."""

    start: int
    end: int
    matches: list[Match] = field(default_factory=list)

    def kinds(self, kind: str) -> list[Match]:
        return [m for m in self.matches if m.pattern.kind == kind]
