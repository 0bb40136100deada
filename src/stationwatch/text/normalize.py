"""Normalized text for matching, with a map back to the original offsets.

Folding: traditional -> simplified Chinese (OpenCC), compatibility forms (full-width letters and
digits), case, and accents. Matches found in the normalized text map back to exact spans of the
original, so evidence quotes are the document's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import opencc

from .fold import fold_char


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Normalized:
    text: str
    origin: list[int]  # origin[i] = index in the original text of normalized char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized range [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> Normalized:
    simplified = _t2s().convert(text)
    if len(simplified) != len(text):  # a phrase rule changed length: convert char by char
        convert = _t2s().convert
        simplified = "".join(convert(c) if len(convert(c)) == 1 else c for c in text)
    chars: list[str] = []
    origin: list[int] = []
    last = len(simplified) - 1
    for i, ch in enumerate(simplified):
        folded = fold_char(ch)
        if folded == "'" and not (0 < i < last and simplified[i - 1].isalnum()
                                  and simplified[i + 1].isalnum()):
            # A quotation mark, not an apostrophe: "Chinese 'police stations'" reads as the
            # words it quotes (as the curly marks already do); "China's" keeps its apostrophe.
            continue
        chars.append(folded)
        origin.extend([i] * len(folded))
    return Normalized("".join(chars), origin)


def fold_term(term: str) -> str:
    """The normalized form of a vocabulary term (same folding as ``normalize``)."""
    if term.isascii():  # the common case, and the same result without OpenCC or offsets
        return term.replace('"', "").lower()
    return normalize(term).text


def search_key(text: str) -> str:
    """What search indexes and queries compare: folded like the matcher's text (case, accents,
    width, traditional to simplified script), runs of white space made one space."""
    return " ".join(fold_term(text).split())
