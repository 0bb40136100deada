"""Numbers written in words or digits, in the press languages ('three', 'drie', 两, 세)."""

from __future__ import annotations

import re
from functools import cache

from .. import vocab
from .fold import fold

_DIGITS = re.compile(r"^\d{1,6}$")


@cache
def _table() -> dict[str, dict[str, int]]:
    data = vocab.read_yaml("numbers.yaml")
    return {lang: {fold(str(w)): int(n) for w, n in words.items()}
            for lang, words in data["numbers"].items()}


def parse_number(word: str, lang: str) -> int | None:
    """The value of a number word or digits in ``lang``; None when it is not a number.

    Full-width digits ('３') count; Chinese and Japanese numerals are read without spaces.
    """
    key = fold(word)
    if _DIGITS.match(key):
        return int(key)
    return _table().get(lang, {}).get(key)
