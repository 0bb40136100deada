"""Clauses of a sentence and the word tokens inside them.

A response is bound to its actor clause by clause, and a negation reaches only within its own
clause. Clauses are cut at punctuation (Latin and CJK commas, semicolons, colons, dashes,
brackets), before a conjunction, a complementiser or a relative pronoun, and after a reporting
verb that has its speaker before it ('X said | the embassy closed it'). A comma or 'and' inside
a list of places ('in Finland, Norway and Denmark') does not cut.

Windows count word tokens in spaced scripts and characters in CJK ones, never characters of a
spaced script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from .. import vocab
from ..text import fold_term
from .matcher import Match, is_spaced_script
from .sentences import Sentence

#: Word tokens of spaced scripts (letters, digits, inner apostrophes and hyphens).
TOKEN = re.compile(r"\w+(?:['’\-]\w+)*")
#: Punctuation that ends a clause; the comma only when no list of places runs through it.
_CUT = re.compile(r"[;:()\[\]|\u2013\u2014]|\s-\s|[，、；：（）\u3000]")
_COMMA = re.compile(r",(?!\d)")
PLACE_KINDS = {"country", "city", "region", "demonym"}
#: Kinds that can be a reporting verb's speaker (a country too: 'Ireland said').
SPEAKER_KINDS = {"authority", "authority_weak", "other_actor", "cn_official", "china", "country",
                 "bureau"}


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    #: Opened by a relative pronoun: its subject is the last actor of the clause before.
    relative: bool = False

    def holds(self, m: Match) -> bool:
        return self.start <= m.start < self.end


@cache
def actions_data() -> dict[str, Any]:
    """actions.yaml, parsed once per process."""
    data: dict[str, Any] = vocab.read_yaml("actions.yaml")
    return data


@cache
def _openers() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(conjunctions and complementisers, relative pronouns) by language, folded."""
    data = actions_data()
    conj = {lang: {fold_term(w) for w in words}
            for lang, words in data["clause_openers"].items()}
    rel = {lang: {fold_term(w) for w in words}
           for lang, words in data["relative_pronouns"].items()}
    return conj, rel


@cache
def _attribution() -> dict[str, set[str]]:
    data = actions_data()
    return {lang: {fold_term(w) for w in words} for lang, words in data["attribution"].items()}


def attribution_words(lang: str | None) -> set[str]:
    """Speech words whose speaker stands beside them ('according to', 'volgens')."""
    return _words(lang, _attribution())


def _words(lang: str | None, table: dict[str, set[str]]) -> set[str]:
    if lang in table:
        return table[lang]
    return set().union(*table.values()) if lang in {None, "und"} else set()


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """fold_term of one token, remembered: documents repeat their words."""
    return fold_term(word)


def tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word token spans of text[start:end] (original offsets)."""
    return [(start + m.start(), start + m.end()) for m in TOKEN.finditer(text[start:end])]


def count_between(text: str, a: int, b: int) -> int:
    """Distance from offset a to offset b: word tokens in spaced scripts, else characters."""
    if b <= a:
        return 0
    seg = text[a:b]
    if seg.strip() and not is_spaced_script(seg.strip()[-1]):
        return len(seg.strip())
    return len(TOKEN.findall(seg))


def _is_place(m: Match) -> bool:
    return m.pattern.kind in PLACE_KINDS


#: Words that join the members of a list ('Finland, Norway and Denmark').
_LIST_WORDS = frozenset({"and", "or", "und", "oder", "et", "ou", "y", "o", "e", "en", "of", "i",
                         "a", "es", "vagy", "och", "eller", "si", "sau", "и", "или", "agus",
                         "nebo", "oraz", "lub", "και", "ή", "和", "与", "及", "或", "、"})


def _list_joint(s: Sentence, text: str, at: int, after_at: int) -> bool:
    """A comma or conjunction from ``at`` to ``after_at`` between two places ('Finland,
    Norway and Denmark'), an article allowed before the second."""
    joint = fold_term(text[at:after_at]).strip(" ,")
    if joint and joint not in _LIST_WORDS:
        return False  # 'Aarhus after the Danish ministry': a subordinator, not a list
    places = [m for m in s.matches if _is_place(m)]
    before = any(m.end <= at and count_between(text, m.end, at) == 0 for m in places)
    after = any(m.start >= after_at and count_between(text, after_at, m.start) <= 1
                for m in places)
    return before and after


def split(s: Sentence, text: str, lang: str | None) -> list[Clause]:
    """The clauses of ``s`` in order; together they cover the sentence."""
    conj_table, rel_table = _openers()
    conj, rel = _words(lang, conj_table), _words(lang, rel_table)
    attribution = attribution_words(lang)
    cuts: dict[int, bool] = {}  # offset -> opens a relative clause
    seg = text[s.start:s.end]
    for m in _CUT.finditer(seg):
        cuts.setdefault(s.start + m.end(), False)
    for m in _COMMA.finditer(seg):
        at = s.start + m.start()
        if not _list_joint(s, text, at, at + 1):
            cuts.setdefault(at + 1, False)
    toks = tokens(text, s.start, s.end)
    for i, (a, b) in enumerate(toks):
        if i == 0:
            continue
        word = fold_word(text[a:b])
        if word in rel:
            cuts[a] = True
        elif word in conj and not _list_joint(s, text, a, b):
            cuts.setdefault(a, False)
    # CJK connectives ('一方', '而'): matched as substrings of the clause text.
    for word in conj:
        if word and not is_spaced_script(word[0]):
            for m in re.finditer(re.escape(word), seg):
                cuts.setdefault(s.start + m.end(), False)
    # A reporting verb with its speaker before it ends the speaker's clause.
    speech = s.kinds("speech")
    for sp in speech:
        if any(o is not sp and o.start <= sp.start and sp.end <= o.end for o in speech):
            continue  # 'declarat' inside 'a declarat'
        # 'according to the ministry', 'a rendőrség szerint': the speaker is beside it.
        if fold_term(text[sp.start:sp.end]) in attribution or \
                _clause_initial(sp, cuts, s, text):
            continue
        # Only a verb with its speaker before it ends a clause: 'Im März erklärte die RCMP,
        # ...' keeps its speaker after the verb.
        last = max([c for c in cuts if c <= sp.start] + [s.start])
        if not any(m.pattern.kind in SPEAKER_KINDS and last <= m.start and m.end <= sp.start
                   for m in s.matches):
            continue
        # ... and at the end of its word, not of its listed stem ('erklärt|e').
        end = sp.end
        while end < s.end and text[end].isalnum():
            end += 1
        cuts.setdefault(end, False)
    bounds = sorted(c for c in cuts if s.start < c < s.end)
    out: list[Clause] = []
    prev = s.start
    for c in bounds:
        if c > prev:
            out.append(Clause(prev, c, cuts.get(prev, False)))
            prev = c
    out.append(Clause(prev, s.end, cuts.get(prev, False)))
    return _merge_empty(out, text)


def _merge_empty(clauses: list[Clause], text: str) -> list[Clause]:
    """A clause of punctuation or space alone joins the next one (keeping the next one's
    opener): ', dat' is one relative clause, not a comma and a clause."""
    out: list[Clause] = []
    pending: int | None = None
    for c in clauses:
        if not any(ch.isalnum() for ch in text[c.start:c.end]):
            pending = c.start if pending is None else pending
            continue
        if pending is not None:
            c = Clause(pending, c.end, c.relative)
            pending = None
        out.append(c)
    if pending is not None:
        if out:
            out[-1] = Clause(out[-1].start, clauses[-1].end, out[-1].relative)
        else:
            out.append(Clause(pending, clauses[-1].end))
    return out


def _clause_initial(m: Match, cuts: dict[int, bool], s: Sentence, text: str) -> bool:
    """Nothing but punctuation between the last cut before ``m`` and ``m`` ('..., said the
    minister'): its speaker follows it."""
    last = max([c for c in cuts if c <= m.start] + [s.start])
    return count_between(text, last, m.start) == 0


def clause_of(m: Match, clauses: list[Clause]) -> int:
    for i, c in enumerate(clauses):
        if c.holds(m):
            return i
    return len(clauses) - 1
