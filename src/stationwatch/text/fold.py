"""The one definition of folding: case, accents, compatibility width, typographic marks.

``fold_char`` is applied character by character by ``normalize`` (which keeps an offset map for
evidence spans); ``fold`` is the same folding as a lookup key, with hyphens and runs of
whitespace made single spaces ('Noisy-le-Grand' == 'noisy le grand').
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Typographic apostrophes and dashes become plain ones; quotation marks and CJK corner brackets
# vanish, so "Chinese ‘police stations’" and 「秘密警察署」 read as the words they quote.
_MARKS = str.maketrans({"\u2019": "'", "\u2013": "-", "\u2014": "-", "\u2018": "",
                        "\u201c": "", "\u201d": "", "\u201e": "", "\u00ab": "", "\u00bb": "",
                        "\u300c": "", "\u300d": "", "\u300e": "", "\u300f": "", '"': ""})
#: Invisible characters that sit inside words and hide them from matching and search: the soft
#: hyphen, zero-width space, non-joiner and joiner, word joiner, and a byte-order mark used as
#: a zero-width no-break space. They fold to nothing (the offset map keeps original positions).
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@cache
def fold_char(ch: str) -> str:
    """'É' -> 'e', 'Ｆ' -> 'f', '’' -> "'"; may return '' (a lone combining mark) or several."""
    if ch.isascii():
        return "" if ch == '"' else ch.lower()
    if ch in INVISIBLE:
        return ""
    out = unicodedata.normalize("NFKD", ch)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.translate(_MARKS).casefold()


def fold(text: str) -> str:
    """Case-, accent- and width-insensitive key: 'São Paulo' -> 'sao paulo', 'ＮＹ' -> 'ny'."""
    # ASCII text folds as fold_char would, character by character, without the per-character
    # calls (most keys and most lines of European text are ASCII).
    folded = text.lower().replace('"', "") if text.isascii() else \
        "".join(fold_char(ch) for ch in text)
    return " ".join(folded.replace("-", " ").split())
