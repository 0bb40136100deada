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


#: Irish initial mutations (https://en.wikipedia.org/wiki/Irish_initial_mutations): eclipsis
#: after 'i' (in) and in the genitive plural, lenition after 'do', 'de', 'ó'...
_ECLIPSIS = {"b": "m", "c": "g", "d": "n", "f": "bh", "g": "n", "p": "b", "t": "d"}
_LENITES = set("bcdfgmpst")


def irish_mutations(name: str) -> set[str]:
    """The mutated forms of an Irish name: 'Baile Átha Cliath' -> 'mBaile Átha Cliath',
    'Bhaile Átha Cliath'; 'Éire' -> 'nÉire', 'hÉireann'..."""
    if not name or not name[0].isalpha():
        return set()
    first, rest = name[0], name[1:]
    low = first.lower()
    out = set()
    if low in _ECLIPSIS:
        out.add(_ECLIPSIS[low] + first + rest)
    if low in _LENITES:
        out.add(first + "h" + rest)
    if low in "aeiouáéíóú":
        out.update({"n" + first + rest, "h" + first + rest, "t-" + first + rest,
                    "n-" + first + rest})
    return out
