"""Bytes to text, trusting in order: BOM, HTTP header charset, <meta charset>, then detection.

A declared charset is only trusted when the bytes decode under it; otherwise detection decides
(a page declaring UTF-8 but written in GBK is common).

Detection is chardet's (it also names the language, and reads short CJK posts right where
charset-normalizer takes Big5 for Shift_JIS and GBK for UTF-16). When candidates score (nearly)
alike, the detected language's usual encodings win: windows-1250 over windows-1252 for a
Hungarian text that decodes under both. UTF-16 without a BOM is only ever taken when there are
NUL bytes (ASCII-range characters in UTF-16 have one on every other byte).
"""

from __future__ import annotations

import codecs
import re

import chardet
from charset_normalizer import from_bytes

# Legacy names whose real-world use is a superset: GB2312 pages contain GBK, GBK pages GB18030.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
              "big5": "big5hkscs", "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
              "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "iso-8859-1": "cp1252",
              "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
# When the detector scores candidates equally, prefer the encodings most used on the web.
_WEB_PRIOR = ("utf_8", "cp1252", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp932",
              "shift_jis", "euc_jp", "cp949", "euc_kr", "cp1251", "cp1250", "iso8859_2",
              "cp1253", "cp1254", "cp1257", "koi8_r")
#: The encodings each language's legacy pages use, most used first (for breaking ties).
_USUAL: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("hu", "cs", "pl", "sk", "sl", "hr", "bs", "ro", "sq"),
                    ("cp1250", "iso8859_2", "iso8859_16")),
    **dict.fromkeys(("ru", "uk", "bg", "be", "mk", "sr"),
                    ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866")),
    **dict.fromkeys(("en", "de", "fr", "es", "it", "nl", "pt", "ca", "gl", "sv", "da", "no",
                     "nb", "fi", "is", "ga", "af", "lb", "id", "ms"),
                    ("cp1252", "iso8859_15", "latin_1")),
    **dict.fromkeys(("lt", "lv", "et"), ("cp1257", "iso8859_13", "iso8859_4")),
    "zh": ("gb18030", "big5hkscs", "big5", "gbk", "gb2312"),
    "ja": ("cp932", "shift_jis", "euc_jp", "iso2022_jp"),
    "ko": ("cp949", "euc_kr"),
    "el": ("cp1253", "iso8859_7"), "tr": ("cp1254", "iso8859_9"),
    "he": ("cp1255", "iso8859_8"), "ar": ("cp1256", "iso8859_6"), "fa": ("cp1256",),
    "vi": ("cp1258",), "th": ("cp874", "tis_620"),
}
#: Candidates scoring at least this share of the best one's confidence are a tie.
_TIE = 0.9
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-:.]+)", re.I)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _try(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset a header or the page's own <meta> declares, if any."""
    if content_type:
        m = _HEADER.search(content_type)
        if m:
            return m.group(1)
    meta = _META.search(data[:4096])
    return meta.group(1).decode("ascii", "replace") if meta else None


def _usual_rank(codec: str, lang: str) -> int:
    usual = _USUAL.get(lang, ())
    return usual.index(codec) if codec in usual else len(usual)


def _web_rank(codec: str) -> int:
    return _WEB_PRIOR.index(codec) if codec in _WEB_PRIOR else len(_WEB_PRIOR)


def _wide(codec: str) -> bool:
    return codec.startswith(("utf_16", "utf_32"))


def _language(text: str) -> str:
    from ..text.lang import detect_language

    return detect_language(text)


def _detect(data: bytes) -> str | None:
    """The encoding detection finds; ties broken by the language's usual encodings."""
    nul = b"\x00" in data
    found: list[tuple[bool, float, str, str]] = []
    for guess in chardet.detect_all(data, prefer_superset=True, ignore_threshold=True):
        codec = _codec(guess.get("encoding"))
        if codec is None or (_wide(codec) and not nul):
            continue
        found.append((_try(data, codec) is not None, float(guess.get("confidence") or 0),
                      codec, str(guess.get("language") or "")))
    if any(decodes for decodes, *_ in found):  # an encoding the bytes are valid in first
        found = [f for f in found if f[0]]
    if not found:
        return _detect_fallback(data, nul)
    best = max(conf for _, conf, _, _ in found)
    tied = [(codec, lang) for _, conf, codec, lang in found if conf >= _TIE * best]
    top_codec, lang = max(found)[2:]
    if not lang:
        lang = _language(data.decode(top_codec, errors="replace"))
    return min(tied, key=lambda c: (_usual_rank(c[0], lang), _web_rank(c[0])))[0]


def _detect_fallback(data: bytes, nul: bool) -> str | None:
    """charset-normalizer, when chardet finds nothing that decodes."""
    matches = [m for m in from_bytes(data) if nul or not _wide(_codec(m.encoding) or "")]
    if not matches:
        return None
    best = min((m.chaos, -m.coherence) for m in matches)
    tied = [m.encoding for m in matches if (m.chaos, -m.coherence) == best]
    tied.sort(key=_web_rank)
    return _codec(tied[0])


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM: NUL bytes on one parity only (ASCII-heavy text in UTF-16)."""
    sample = data[:4000]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding used). Never raises on bad bytes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data, codec)
            if text is not None:
                return text, codec
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), utf16
    header = _HEADER.search(content_type or "")
    for name in (header.group(1) if header else None, declared_charset(data)):
        declared = _codec(name)
        decoded = _try(data, declared)
        if declared is not None and decoded is not None:
            return decoded, declared
    decoded = _try(data, "utf-8")
    if decoded is not None:
        return decoded, "utf-8"
    detected = _detect(data[:200_000])
    if detected is not None:
        return data.decode(detected, errors="replace"), detected
    return data.decode("utf-8", errors="replace"), "utf-8"
