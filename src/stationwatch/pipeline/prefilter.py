"""A prefilter on raw payload bytes that never drops a relevant record.

The extractor calls a document relevant only when its main text holds a strong station term
(vocab/terms.yaml). So the prefilter passes a record when its raw bytes hold an anchor of one:
each strong term in every way a page may spell it (case forms, without accents, both Chinese
scripts) and in every encoding its press uses (UTF-8, GB18030, Big5, Shift_JIS, EUC-JP,
EUC-KR, the Windows and ISO Latin pages, UTF-16). Matching ignores ASCII case; a Latin anchor
must start a word, as the extractor's terms do; stems match as prefixes. Quotation marks
inside a term (Chinese ‘police stations’) vanish in the extractor's normalization, so between
the words of an anchor any run of spaces, quotation marks (UTF-8, Windows and ISO bytes) and
HTML entities is allowed.

Hyperscan scans at gigabytes per second; where it has no wheel (non-x86), the same anchors go
through pyahocorasick.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from functools import cache

import opencc

from .. import vocab
from ..ingest.decode import utf16_without_bom
from ..text import fold

ENCODINGS = ("utf-8", "gb18030", "big5", "shift_jis", "euc-jp", "euc-kr", "cp1250", "cp1252",
             "iso-8859-2", "utf-16-le", "utf-16-be")
#: Shortest anchor kept, in bytes.
MIN_ANCHOR = 4


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _spellings(term: str) -> set[str]:
    forms = {term, term.lower(), term.capitalize(), term.title(), term.upper(),
             _t2s().convert(term), _s2t().convert(term), fold(term)}
    return {f for f in forms if f}


def anchors() -> set[bytes]:
    """Every byte string whose presence a strong term in the main text implies (lower-cased
    in ASCII)."""
    terms = vocab.check_word_lists("terms.yaml")
    out: set[bytes] = set()
    for words in terms["strong"].values():
        for word in words:
            for spelling in _spellings(word.rstrip("*")):
                for encoding in ENCODINGS:
                    try:
                        raw = spelling.encode(encoding).lower()
                    except UnicodeEncodeError:
                        continue
                    if len(raw) >= MIN_ANCHOR:
                        out.add(raw)
    return out


def _word_start(anchor: bytes) -> bool:
    return anchor[:1].isalpha()


# Between two words of a term: spaces, quotation marks in UTF-8 (‘ ’ ‚ “ ” „ « »), in the
# Windows and ISO pages, in GB18030/EUC-KR and Big5 (A1 AE-B1, A1 A5-A8) and Shift_JIS
# (81 65-68), and HTML entities (&nbsp; &ldquo; &#8216;).
_GAP = (rb"(?:[\s\x22\x27\x91-\x94\xa0\xab\xbb]|\xe2\x80[\x98-\x9f]|\xc2[\xa0\xab\xbb]"
        rb"|\xa1[\xa5-\xa8\xae-\xb1]|\x81[\x65-\x68]|&#?[a-z0-9]+;)+")
# The fallback rewrites the bytes instead, so only sequences that cannot sit inside another
# character: ASCII quotes, UTF-8 quotation marks, entities.
_FALLBACK_QUOTES = re.compile(rb"[\x22\x27]|\xe2\x80[\x98-\x9f]|\xc2[\xa0\xab\xbb]"
                              rb"|&#?[a-z0-9]+;")
_SPACES = re.compile(rb"\s+")


def _expression(anchor: bytes) -> bytes:
    words = anchor.split(b" ")
    body = _GAP.join(_literal(w) for w in words) if b"\x00" not in anchor else _literal(anchor)
    return b"(?:^|[^a-z])" + body if _word_start(anchor) else body


def _literal(anchor: bytes) -> bytes:
    """A Hyperscan literal: expressions are C strings, so every byte but [a-z0-9] is \\xHH."""
    return b"".join(bytes([b]) if chr(b).isascii() and chr(b).isalnum() else b"\\x%02x" % b
                    for b in anchor)


@cache
def _scanner() -> Callable[[bytes], bool]:
    try:
        import hyperscan
    except ImportError:
        return _aho_scanner()
    patterns, flags = [], []
    for anchor in sorted(anchors()):
        patterns.append(_expression(anchor))
        flags.append(hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH)
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=patterns, ids=list(range(len(patterns))), elements=len(patterns),
               flags=flags)

    def scan(payload: bytes) -> bool:
        found: list[bool] = []

        def on_match(*_: object) -> bool:
            found.append(True)
            return True  # stop at the first match

        with contextlib.suppress(hyperscan.ScanTerminated):
            db.scan(payload, match_event_handler=on_match)
        return bool(found)

    return scan


def _aho_scanner() -> Callable[[bytes], bool]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for anchor in anchors():
        text = anchor.decode("latin-1")
        automaton.add_word(text, text)
    automaton.make_automaton()

    def scan(payload: bytes) -> bool:
        cleaned = _SPACES.sub(b" ", _FALLBACK_QUOTES.sub(b" ", payload.lower()))
        text = cleaned.decode("latin-1")
        for end, anchor in automaton.iter(text):
            start = end - len(anchor) + 1
            if anchor[:1].isalpha() and start > 0 and text[start - 1].isascii() \
                    and text[start - 1].isalpha():
                continue
            return True
        return False

    return scan


def may_be_relevant(payload: bytes) -> bool:
    """False only when no anchor of any strong station term is in the bytes."""
    if b"\x00" in payload[:4000]:  # UTF-16 (rare): read it as the extractor would
        payload = _as_utf8(payload)
    return _scanner()(payload)


def _as_utf8(payload: bytes) -> bytes:
    if payload[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return payload.decode("utf-16", errors="replace").encode("utf-8")
    codec = utf16_without_bom(payload)
    return payload.decode(codec, errors="replace").encode("utf-8") if codec else payload
