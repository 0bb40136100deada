"""Inflected forms of the vocabulary's words, so declined names and words match without listed
endings: 'w Belfaście' is Belfast, 'Győrben' Győr, 'rendőrállomásokat' 'rendőrállomás'.

The forms come from simplemma's lemma dictionaries (https://github.com/adbar/simplemma, MIT;
forms and lemmas drawn from open lexical resources). Scanning one language's dictionary takes
seconds to minutes (Polish: 3.7 million forms), far too slow at run time, so the forms whose
lemma is a vocabulary key are collected once by ``stationwatch inflections`` into
``vocab/inflections.tsv.gz`` (language, form, lemma; sorted; gzip without a timestamp, so the
same inputs give the same bytes) and read when the matcher's automaton is built. A test
regenerates one language and compares.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources

#: Document language (ISO 639-1) -> simplemma's dictionary, for the languages whose words
#: inflect enough to matter (Chinese, Japanese and Korean are matched by script, not lemmas).
LANGUAGES = {"en": "en", "nl": "nl", "it": "it", "es": "es", "fr": "fr", "de": "de",
             "pt": "pt", "cs": "cs", "hu": "hu", "sv": "sv", "pl": "pl", "el": "el",
             "ro": "ro", "ga": "ga", "sr": "hbs", "sk": "sk"}
#: Languages whose place names decline ('v Praze', 'w Belfaście', 'Győrben', 'Stockholms'):
#: names take their inflected forms only in these.
DECLINING = {"cs", "sk", "pl", "hu", "el", "ro", "sr", "sv"}
TABLE = "inflections.tsv.gz"
#: Forms shorter than this are left out: short forms are other words too often.
MIN_FORM = 4


def collect(lang: str, wanted: Callable[[str], bool], fold: Callable[[str], str]
            ) -> list[tuple[str, str]]:
    """(form, lemma) of one language's dictionary whose folded lemma is ``wanted`` and whose
    folded form differs from it."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    dictionary = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(LANGUAGES[lang])
    out = []
    for form, lemma in dictionary.items():
        if len(form) < MIN_FORM or "\t" in form or "\n" in form:
            continue
        key = fold(lemma)
        if wanted(key) and fold(form) != key:
            out.append((form, lemma))
    return sorted(set(out))


def write_table(rows: Iterable[tuple[str, str, str]]) -> bytes:
    """The shipped file's bytes for (language, form, lemma) rows."""
    text = "".join(f"{lang}\t{form}\t{lemma}\n" for lang, form, lemma in sorted(set(rows)))
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as fh:
        fh.write(text.encode("utf-8"))
    return buf.getvalue()


@cache
def table() -> tuple[tuple[str, str, str], ...]:
    """The shipped (language, form, lemma) rows; empty when the file is absent."""
    from .. import vocab

    path = resources.files(vocab).joinpath(TABLE)
    if not path.is_file():
        return ()
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    rows = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            rows.append((parts[0], parts[1], parts[2]))
    return tuple(rows)
