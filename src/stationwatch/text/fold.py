"""The one definition of folding: case, accents, compatibility width, typographic marks.

``fold_char`` is applied character by character by ``normalize`` (which keeps an offset map for
evidence spans); ``fold`` is the same folding as a lookup key, with hyphens and runs of
whitespace made single spaces ('Noisy-le-Grand' == 'noisy le grand').
"""

from __future__ import annotations

import unicodedata
from functools import cache

_MARKS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})


@cache
def fold_char(ch: str) -> str:
    """'É' -> 'e', 'Ｆ' -> 'f', '’' -> "'"; may return '' (a lone combining mark) or several."""
    if ch.isascii():
        return ch.lower()
    out = unicodedata.normalize("NFKD", ch)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.translate(_MARKS).casefold()


def fold(text: str) -> str:
    """Case-, accent- and width-insensitive key: 'São Paulo' -> 'sao paulo', 'ＮＹ' -> 'ny'."""
    folded = "".join(fold_char(ch) for ch in text)
    return " ".join(folded.replace("-", " ").split())
