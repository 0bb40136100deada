"""Stems of place names for languages that inflect them, so 'v Praze', 'Budapešti',
'Hollandiában' and 'Írországban' are read as Prague, Budapest, the Netherlands and Ireland.

Hungarian adds case suffixes to the whole name. Czech replaces a final vowel and mutates the
consonant before some endings (h/g -> z, k -> c, r -> ř, ch -> š), and drops a mobile 'e'
(Vídeň -> Vídni). Stems are folded like matching text and apply only to documents in their
language.
"""

from __future__ import annotations

from .fold import fold

#: Shortest stem kept: shorter ones are prefixes of too many ordinary words. Czech place names
#: are often short (Brno -> v Brně), so a Czech stem may have three letters.
MIN_STEM = 4
MIN_STEM_CS = 3
_CZ_MUTATIONS = (("ch", "s"), ("h", "z"), ("g", "z"), ("k", "c"), ("r", "r"))
_VOWELS = "aeiouy"


def place_stems(name: str) -> dict[str, set[str]]:
    """{language: stems} for one place name; empty when the name is too short."""
    key = fold(name)
    out: dict[str, set[str]] = {"hu": set(), "cs": set()}
    if len(key) >= MIN_STEM:
        out["hu"].add(key)
    stem = key[:-1] if key and key[-1] in _VOWELS else key
    czech = {stem}
    for old, new in _CZ_MUTATIONS:
        if stem.endswith(old):
            czech.add(stem[: -len(old)] + new)
    if len(stem) >= 3 and stem[-2] == "e" and stem[-1] not in _VOWELS:
        czech.add(stem[:-2] + stem[-1])  # mobile e: viden -> vidn(i)
    out["cs"] = {s for s in czech if len(s) >= MIN_STEM_CS}
    return {lang: stems for lang, stems in out.items() if stems}
