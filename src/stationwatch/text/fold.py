"""Text folding shared by the gazetteer and matching: case, accents, width."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case-, accent- and width-insensitive key: 'São Paulo' -> 'sao paulo', 'ＮＹ' -> 'ny'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().replace("-", " ").split())
