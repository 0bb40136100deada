"""What the prefilter looks for: every byte pattern that a vocabulary term in a page's main text
implies, grouped by the part of the relevance condition it serves.

The extractor calls a document relevant only when its main text meets
``vocab.may_be_about_stations``: a ``strong`` term of vocab/terms.yaml, or a China cue
(``china`` terms and every bureau name of vocab/bureaus.yaml) with a police cue and an office
or return cue, or with a return cue and an abroad cue. Each cue is one group here. Like the
matcher, single words of the inflecting languages' lists are stems, and the inflected forms of
vocab/inflections.tsv.gz whose lemma is a listed term are terms of its group too.

Terms match the normalized text (text/normalize.py: traditional to simplified Chinese, width,
case and accents folded). So each term's normalized form becomes one expression in which every
character may be any character that normalizes to it (é, É, Ｅ and e; 國 and 国), encoded in
every encoding a page may use (UTF-8, GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR, the Windows and
ISO Latin pages), plus one per byte order of UTF-16. ASCII case is left to the matcher
(caseless). A Latin term must start a word; one that is not a stem ('polic*') must also end
one. Between the words of a term any run of spaces, quotation marks, HTML entities and inline
tags is allowed, since the main text shows none of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import vocab

#: One group per cue of vocab.may_be_about_stations, numbered for Hyperscan's pattern ids.
GROUP_NAMES = dict(enumerate(vocab.CUE_SECTIONS))
GROUPS = {name: number for number, name in GROUP_NAMES.items()}
STRONG, CHINA = GROUPS["strong"], GROUPS["china"]
#: The cues looked for only once a China cue is found.
SECOND = tuple(g for g in GROUP_NAMES if g not in (STRONG, CHINA))
#: terms.yaml sections of each group (bureau names join CHINA).
SECTIONS = {GROUPS[name]: (section,) for name, section in vocab.CUE_SECTIONS.items()}

ENCODINGS = ("utf-8", "gb18030", "big5", "shift_jis", "euc-jp", "euc-kr", "cp1250", "cp1252",
             "iso-8859-2", "cp1253", "cp1251")
WIDE_ENCODINGS = ("utf-16-le", "utf-16-be")

# Between two words of a term: spaces, quotation marks in UTF-8 (‘ ’ ‚ “ ” „ « »), in the
# Windows and ISO pages, in GB18030/EUC-KR and Big5 (A1 AE-B1, A1 A5-A8) and Shift_JIS
# (81 65-68) and HTML entities (&nbsp; &ldquo; &#8216;).
GAP = (rb"(?:[\s\x22\x27\x91-\x94\xa0\xab\xbb]|\xe2\x80[\x98-\x9f]|\xc2[\xa0\xab\xbb]"
       rb"|\xa1[\xa5-\xa8\xae-\xb1]|\x81[\x65-\x68]|&#?[a-z0-9]+;)+")
# Before a Latin term: the start, a byte that is no ASCII letter or digit, or the second byte
# of a double-byte character (Big5 and Shift_JIS punctuation ends in 0x40-0x7E: '，' is A1 41).
WORD_START = rb"(?:^|[^A-Za-z0-9]|[\x81-\xfe][A-Za-z0-9])"
WORD_END = rb"(?:[^A-Za-z0-9]|$)"
#: A letter written as an HTML entity (&eacute; &#233; &#xe9;): the main text shows the letter.
#: Only Latin letters get this alternative: pages in Greek or Cyrillic write their letters as
#: such, and an entity at every letter of a word leaves Hyperscan no literal to anchor on (one
#: Greek term took 9 s to compile; the first database 450 s).
ENTITY = rb"&(?:[a-z]{2,8}|#[0-9]{2,5}|#x[0-9a-f]{2,4});"
#: Scripts from here on (Hangul, CJK) are not written as entities in practice.
CJK_START = 0x1100


@dataclass(frozen=True)
class Term:
    key: str  # normalized, as the matcher compares it
    group: int
    stem: bool  # 'polic*': matches the start of a word
    spellings: tuple[str, ...]  # as listed (script variants of CJK terms come from them)
    langs: frozenset[str] = frozenset()  # the word lists it is in (none for bureau names)
    upper: bool = False  # an acronym ('MPS'): upper case in the original, as the matcher asks


def _auto_stem(word: str, lang: str | None) -> bool:
    """The matcher reads single words of the inflecting languages' lists as stems."""
    from ..extract.matcher import INFLECTED_TERM_MIN, INFLECTING_LEXICONS

    return (lang in INFLECTING_LEXICONS and " " not in word and len(word) >= INFLECTED_TERM_MIN
            and all(ord(c) < CJK_START for c in word))


def _inflected(listed: list[tuple[str, int, str | None]]) -> list[tuple[str, int, str | None]]:
    """The table's inflected forms of listed terms, in the term's group: the matcher reads a
    lexicon word's forms in its language, a bureau name's in any declining language."""
    from ..text import inflections

    by_key: dict[str, list[tuple[int, str | None]]] = {}
    for word, group, lang in listed:
        if not word.endswith("*"):
            by_key.setdefault(_normalized(word), []).append((group, lang))
    out: list[tuple[str, int, str | None]] = []
    for lang, form, lemma in inflections.table():
        for group, term_lang in by_key.get(_normalized(lemma), ()):
            if term_lang == lang or (term_lang is None and lang in inflections.DECLINING):
                out.append((form, group, lang))
    return out


def _normalized(term: str) -> str:
    from ..text import fold_term

    return fold_term(term).strip()


def terms() -> list[Term]:
    """Every term of the relevance condition, with its group (duplicates merged)."""
    data = vocab.check_word_lists("terms.yaml")
    listed: list[tuple[str, int, str | None]] = []
    for group, sections in SECTIONS.items():
        for section in sections:
            for lang, words in (data.get(section) or {}).items():
                listed.extend((w, group, lang) for w in words)
    for key, bureau in vocab.bureaus().items():
        listed.extend((alias, CHINA, None) for alias in (key, *bureau.aliases))
    listed.extend(_inflected(listed))
    out: dict[tuple[str, int], Term] = {}
    for word, group, lang in listed:
        stem = word.endswith("*") or _auto_stem(word, lang)
        key = _normalized(word.rstrip("*"))
        if len(key) < 2:  # the matcher skips these too
            continue
        known = out.get((key, group))
        langs = frozenset({lang} if lang else ())
        letters = word.rstrip("*").replace(".", "")
        upper = letters.isascii() and letters.isalpha() and letters.isupper() \
            and len(letters) <= 5
        if known is None:
            out[(key, group)] = Term(key, group, stem, (word.rstrip("*"),), langs, upper)
        else:
            out[(key, group)] = Term(key, group, stem or known.stem,
                                     (*known.spellings, word.rstrip("*")),
                                     known.langs | langs, upper and known.upper)
    return list(out.values())


@cache
def alphabet(lang: str) -> frozenset[str]:
    """The letters with diacritics a language writes (both cases), read from its own names of
    countries, languages, months and days in the CLDR data Babel ships."""
    from babel import Locale, UnknownLocaleError

    from ..text.fold import fold_char

    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return frozenset()
    text = "".join([*locale.territories.values(), *locale.languages.values(),
                    *locale.months["format"]["wide"].values(),
                    *locale.days["format"]["wide"].values()])
    letters = {ch for ch in text.lower() if not ch.isascii() and ch.isalpha()
               and fold_char(ch).isascii()}
    return frozenset(letters | {ch.upper() for ch in letters if len(ch.upper()) == 1})


#: Where the Chinese characters that fold to another one (traditional and variant forms) are.
CJK_RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00))


@cache
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


@cache
def preimages() -> dict[str, frozenset[str]]:
    """Normalized character -> the Chinese characters that normalize to it."""
    from ..text import normalize

    out: dict[str, set[str]] = {}
    for lo, hi in CJK_RANGES:
        for cp in range(lo, hi):
            ch = chr(cp)
            folded = normalize(ch).text
            if folded and folded != ch:
                out.setdefault(folded, set()).add(ch)
    return {k: frozenset(v) for k, v in out.items()}


def _letters(term: Term) -> dict[str, set[str]]:
    """Normalized text -> the letters with diacritics that fold to it, of the term's
    languages and listed spellings, both cases."""
    from ..text.fold import fold_char

    chars = {ch for spelling in term.spellings for ch in spelling if not ch.isascii()}
    for lang in term.langs:
        chars |= alphabet(lang)
    chars |= {ch.upper() for ch in chars if len(ch.upper()) == 1}
    chars |= {ch.lower() for ch in chars if len(ch.lower()) == 1}
    out: dict[str, set[str]] = {}
    for ch in chars:
        folded = fold_char(ch)
        if folded and folded.isascii():
            out.setdefault(folded, set()).add(ch)
    # Greek and Cyrillic letters fold to other letters of their script (Κ, ί -> κ, ι).
    for ch in _non_latin_letters():
        folded = fold_char(ch)
        if folded and folded != ch and folded in term.key:
            out.setdefault(folded, set()).add(ch)
    return out


@cache
def _non_latin_letters() -> tuple[str, ...]:
    """The Greek and Cyrillic letters (with their accented and capital forms)."""
    ranges = ((0x0370, 0x0400), (0x0400, 0x0530), (0x1F00, 0x2000))
    return tuple(chr(cp) for lo, hi in ranges for cp in range(lo, hi) if chr(cp).isalpha())


def _hex(raw: bytes) -> bytes:
    """A Hyperscan literal: expressions are C strings, so every byte but [a-z0-9] is \\xHH."""
    return b"".join(bytes([b]) if 0x61 <= b <= 0x7A or 0x30 <= b <= 0x39 else b"\\x%02x" % b
                    for b in raw)


def _encoded(chars: Iterable[str], encodings: tuple[str, ...]) -> set[bytes]:
    out = set()
    for ch in chars:
        for encoding in encodings:
            try:
                out.add(ch.encode(encoding))
            except UnicodeEncodeError:
                continue
    return out


def _alternation(options: set[bytes]) -> bytes:
    """One expression for a set of byte strings, as a trie: shared leading bytes once."""
    ends = b"" in options
    by_first: dict[int, set[bytes]] = {}
    for option in options:
        if option:
            by_first.setdefault(option[0], set()).add(option[1:])
    singles = sorted(b for b, rests in by_first.items() if rests == {b""})
    parts = []
    if len(singles) == 1:
        parts.append(_hex(bytes(singles)))
    elif singles:
        parts.append(b"[" + _hex(bytes(singles)) + b"]")
    for first in sorted(b for b in by_first if b not in singles):
        parts.append(_hex(bytes([first])) + _alternation(by_first[first]))
    body = parts[0] if len(parts) == 1 else b"(?:" + b"|".join(parts) + b")"
    return b"(?:" + body + b")?" if ends else body


def _expand(term: Term, encodings: tuple[str, ...], gap: bytes | None) -> bytes:
    """The expression of a term's normalized form: each character any character that
    normalizes to it (a Chinese character in either script; a Latin letter with any diacritic
    of the term's languages; ß for ss), in any of ``encodings``."""
    key, pre, letters = term.key, preimages(), _letters(term)

    def one(ch: str) -> bytes:
        if ch == " " and gap is not None:
            return gap
        body = _alternation(_encoded({ch}, encodings) | _encoded(pre.get(ch, ()), encodings)
                            | _encoded(letters.get(ch, ()), encodings))
        return (b"(?:" + body + b"|" + ENTITY + b")" if gap and ch in letters
                and is_latin_script(ch) else body)

    out, i = [], 0
    while i < len(key):
        pair = key[i:i + 2]
        if len(pair) == 2 and pair in letters:  # ß -> ss
            out.append(b"(?:" + one(pair[0]) + one(pair[1]) + b"|"
                       + _alternation(_encoded(letters[pair], encodings)) + b")")
            i += 2
        else:
            out.append(one(key[i]))
            i += 1
    return b"".join(out)


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def is_latin_script(ch: str) -> bool:
    """A letter of the Latin script (é, ř, ß): the letters web pages write as HTML entities."""
    return unicodedata.name(ch, "").startswith("LATIN ")


def is_latin(ch: str) -> bool:
    """A character of a script that separates words with spaces (the matcher's boundary
    rule applies to it): anything before Hangul and the CJK blocks."""
    return ord(ch) < CJK_START


def expressions(term: Term, diacritics: bool = False) -> Iterator[bytes]:
    """The Hyperscan expressions of one term, all matched caselessly but for acronyms: each
    spelling as listed (in every case form, its normalized form, its other Chinese scripts);
    with ``diacritics``, instead, its normalized form with each Latin letter bearing any
    diacritic its languages write."""
    if term.upper:  # matched case-sensitively
        word = term.key.upper()
        yield WORD_START + _hex(word.encode()) + WORD_END
        for encoding in WIDE_ENCODINGS:
            yield _hex(word.encode(encoding))
        return
    start = WORD_START if _is_latin_letter(term.key[0]) else b""
    end = WORD_END if _is_latin_letter(term.key[-1]) and not term.stem else b""
    if diacritics:
        yield start + _expand(term, ENCODINGS, GAP) + end
        for encoding in WIDE_ENCODINGS:
            yield _expand(term, (encoding,), None)
        return
    for spelling in sorted(_spellings(term)):
        for encoding in ENCODINGS:
            body = _literal(spelling, encoding)
            if body is not None:
                yield start + body + end
        for encoding in WIDE_ENCODINGS:
            body = _literal(spelling, encoding, gap=False)
            if body is not None:
                yield body


def _spellings(term: Term) -> set[str]:
    out = {term.key}
    for s in term.spellings:
        out |= {s, s.lower(), s.upper(), s.capitalize(), s.title()}
    if not term.key.isascii():
        out |= _script_variants((*term.spellings, term.key))
    return {s for s in out if s}


def _literal(spelling: str, encoding: str, gap: bool = True) -> bytes | None:
    """A spelling in one encoding; a Chinese character may be any of the characters that
    normalize as it does (国 國 囯), a letter with a diacritic an HTML entity (&eacute;);
    spaces are gaps."""
    from ..text import normalize

    pre = preimages()
    out = []
    try:
        for ch in spelling:
            if ch == " " and gap:
                out.append(GAP)
                continue
            options = {ch}
            if not ch.isascii():
                folded = normalize(ch).text
                options |= {folded, *pre.get(folded, ())} if folded in pre else set()
            encoded = _encoded(options, (encoding,))
            if ch.encode(encoding) not in encoded:
                return None
            if gap and ch.isalpha() and not ch.isascii() and is_latin_script(ch):
                out.append(b"(?:" + _alternation(encoded) + b"|" + ENTITY + b")")
            else:
                out.append(_alternation(encoded))
    except UnicodeEncodeError:
        return None
    return b"".join(out)


def _script_variants(spellings: tuple[str, ...]) -> set[str]:
    """Other Chinese scripts, converted by phrase (a character alone may convert otherwise)."""
    out = {_opencc(config).convert(s) for s in spellings
           for config in ("s2t", "s2tw", "s2hk", "t2s")}
    return out - set(spellings)


def sources() -> list[bytes]:
    """What the compiled patterns depend on (for the cache's name)."""
    from importlib import resources
    from pathlib import Path

    here = Path(__file__).resolve()
    parts = [resources.files(vocab).joinpath(n).read_bytes()
             for n in ("terms.yaml", "bureaus.yaml", "inflections.tsv.gz")]
    for path in (here, here.parent.parent / "text" / "fold.py",
                 here.parent.parent / "text" / "normalize.py",
                 here.parent.parent / "vocab" / "__init__.py"):
        parts.append(path.read_bytes())
    return parts
