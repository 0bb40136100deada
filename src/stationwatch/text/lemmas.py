"""The text with each word replaced by its lemma, mapped back to the original offsets.

Matching the vocabulary against lemmas as well as against the surface text reads inflected and
declined forms without listing their endings: 'w Belfaście' is Belfast, 'Győrben' is Győr,
'rendőrállomásokat' is 'rendőrállomás', 'examined' is 'examine'. Lemmas come from simplemma
(dictionary lookup and affix rules for about 50 languages, its data shipped in the package: no
download). Chinese, Japanese and Korean are not lemmatised here.
"""

from __future__ import annotations

import re
from functools import cache

from .normalize import Normalized, normalize

#: Document language (ISO 639-1) -> simplemma's code, for the languages it knows.
_SIMPLEMMA = {"sr": "hbs", "hr": "hbs", "bs": "hbs", "no": "nb"}
_SUPPORTED = {"bg", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga",
              "gl", "hbs", "hu", "id", "is", "it", "lt", "lv", "mk", "ms", "nb", "nl", "pl",
              "pt", "ro", "ru", "sk", "sl", "sq", "sv", "tr", "uk"}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Words this long or longer are not looked up (no inflected word is; URLs and junk are).
MAX_WORD = 40


def lemma_language(lang: str | None) -> str | None:
    """simplemma's code for a document language, or None when it has no lemmas for it."""
    code = _SIMPLEMMA.get(lang or "", lang or "")
    return code if code in _SUPPORTED else None


@cache
def _lemmatize(word: str, code: str) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang=code))


def lemma_text(text: str, lang: str | None) -> Normalized | None:
    """The folded lemma text, its ``origin`` indexing ``text``; None when the language has no
    lemmas or no word changes. A lemma maps onto its word: a match on it spans the word."""
    code = lemma_language(lang)
    if code is None:
        return None
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    changed = False
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        parts.append(text[pos:start])
        origin.extend(range(pos, start))
        word = m.group()
        lemma = _lemmatize(word, code) if len(word) < MAX_WORD else word
        if not lemma:
            lemma = word
        if lemma != word:
            changed = True
            # Keep the word's capital: proper names must stay recognisable as such.
            if word[:1].isupper():
                lemma = lemma[:1].upper() + lemma[1:]
        parts.append(lemma)
        n = len(lemma)
        origin.extend(start + min(i, end - start - 1) if i < n - 1 else end - 1
                      for i in range(n))
        pos = end
    if not changed:
        return None
    parts.append(text[pos:])
    origin.extend(range(pos, len(text)))
    lemmas = "".join(parts)
    folded = normalize(lemmas)
    return Normalized(folded.text, [origin[i] for i in folded.origin])
