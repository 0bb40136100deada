"""Response words found through their lemma, a verbal prefix or a separated particle.

The automaton (matcher.py) finds the listed forms of actions.yaml. Inflected languages say the
same thing in forms no list holds: 'examined', 'accusés', 'átvizsgálta' (át + vizsgál),
'nahm ... fest' (festnehmen). Here each word token of the document's language is reduced to its
lemma (simplemma, whose dictionaries ship in the package), its verbal prefix is stripped, a
separated particle is joined back to its verb, and each form is looked up in the same lists
(a listed word, a lemma listed beside the forms, or a listed stem 'vizsgal*' it starts with).
Lists are scoped to the document's language and its close relatives.

The form -> lemma pairs come from simplemma's dictionaries, but only those whose lemma reaches a
listed word (a few thousand of a dictionary's million forms): ``stationwatch inflections``
collects them into ``vocab/lemmas.tsv.gz`` (language, form, lemma), beside the matcher's
``inflections.tsv.gz``, so no dictionary is decoded at run time.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .. import vocab
from ..text import fold_term, inflections
from .clauses import TOKEN, actions_data, fold_word
from .matcher import Match, Pattern

#: Sections of actions.yaml matched at token level, and the kind they give.
SECTIONS = {"speech": "speech", "denial": "denial", "authority": "authority",
            "authority_weak": "authority_weak", "other_actors": "other_actor"}
#: Sections only this module matches (scoped_<name>), with every kind the automaton gives.
SCOPED = {**SECTIONS, "chinese_official": "cn_official", "request": "request",
          "embassy": "embassy", "negators_before": "neg_before", "hedges": "neg_before",
          "generic_reference": "generic", "china": "china"}
#: Languages read with each other's lists (identification confuses them, the words are shared).
RELATED = {"sr": ("sr", "hr", "bs"), "hr": ("hr", "sr", "bs"), "bs": ("bs", "sr", "hr"),
           "cs": ("cs", "sk"), "sk": ("sk", "cs"), "no": ("no", "nb", "sv", "da"),
           "nb": ("nb", "no", "sv", "da"), "da": ("da", "nb", "sv")}
#: simplemma's names for languages it knows under another code.
SIMPLEMMA_CODE = {"sr": "hbs", "hr": "hbs", "bs": "hbs", "no": "nb"}
#: Forms shorter than this are never looked up by stem or prefix (too many accidents).
MIN_STEM_FORM = 4


@dataclass(frozen=True)
class Entry:
    kind: str
    key: str | None


@dataclass
class Lexicon:
    exact: dict[str, Entry]
    stems: list[tuple[str, Entry]]
    prefixes: tuple[str, ...]
    particles: frozenset[str]
    #: Several-word entries as folded tokens (the last may be a stem ending in '*').
    phrases: list[tuple[tuple[str, ...], Entry]]


@cache
def lexicon(lang: str) -> Lexicon:
    data = actions_data()
    langs = RELATED.get(lang, (lang,))
    exact: dict[str, Entry] = {}
    stems: list[tuple[str, Entry]] = []
    phrases: list[tuple[tuple[str, ...], Entry]] = []

    def add(word: str, entry: Entry, scoped: bool = False) -> None:
        key = fold_term(word).strip()
        if " " in key:
            if scoped:  # the automaton has the others
                phrases.append((tuple(key.split()), entry))
            return
        if key.endswith("*"):
            stems.append((key[:-1], entry))
        else:
            exact.setdefault(key, entry)

    for code in langs:
        for action, by_lang in data["actions"].items():
            for w in by_lang.get(code, ()):
                add(w, Entry("action", action))
        for section, kind in SECTIONS.items():
            for w in data[section].get(code, ()):
                add(w, Entry(kind, None))
        for action in data["actions"]:
            for w in data.get(f"scoped_{action}", {}).get(code, ()):
                add(w, Entry("action", action), scoped=True)
        for section, kind in SCOPED.items():
            for w in data.get(f"scoped_{section}", {}).get(code, ()):
                add(w, Entry(kind, None), scoped=True)
    prefixes = tuple(sorted({fold_term(p) for code in langs
                             for p in data["verb_prefixes"].get(code, ())},
                            key=len, reverse=True))
    particles = frozenset(fold_term(p) for code in langs
                          for p in data["separable_particles"].get(code, ()))
    stems.sort(key=lambda s: -len(s[0]))
    return Lexicon(exact, stems, prefixes, particles, phrases)


@cache
def lemma(word: str, lang: str) -> str:
    """The lemma of one lower-case word when it leads to a listed response word, else the
    word itself (see ``_table``)."""
    return _table(lang).get(word, word)


#: The shipped form -> lemma table, in the vocabulary package.
TABLE = "lemmas.tsv.gz"
#: Document languages the table is built for: the inflection table's, and the relatives read
#: with their lists.
LANGUAGES = (*inflections.LANGUAGES, "hr", "bs", "no", "nb", "da")


@cache
def _table(lang: str) -> dict[str, str]:
    """The shipped form -> lemma pairs of ``lang`` (empty for a language without them)."""
    return _shipped().get(lang, {})


@cache
def _shipped() -> dict[str, dict[str, str]]:
    path = resources.files(vocab).joinpath(TABLE)
    if not path.is_file():
        return {}
    out: dict[str, dict[str, str]] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            out.setdefault(parts[0], {})[parts[1]] = parts[2]
    return out


def build_table() -> bytes:
    """Regenerate ``vocab/lemmas.tsv.gz`` from simplemma's dictionaries (minutes)."""
    rows = [(lang, form, lem) for lang in LANGUAGES
            for form, lem in collect(lang).items()]
    return inflections.write_table(rows)


def collect(lang: str) -> dict[str, str]:
    """The form -> lemma pairs of ``lang``'s dictionary whose lemma reaches a listed word."""
    return _build_table(SIMPLEMMA_CODE.get(lang, lang), lang)


def _build_table(code: str, lang: str) -> dict[str, str]:
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import (
            DefaultDictionaryFactory,
        )
        dictionary = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(code)
    except (ImportError, ValueError, OSError):  # a language simplemma lacks
        return {}
    lex = lexicon(lang)
    useful: dict[str, bool] = {}
    out: dict[str, str] = {}
    for form, lem in dictionary.items():
        ok = useful.get(lem)
        if ok is None:
            folded = fold_term(lem)
            ok = useful[lem] = any(_lookup(f, lex) is not None
                                   for f in _stripped([folded], lex)) or any(
                _lookup(p + folded, lex) is not None for p in lex.particles)
        if ok and "\t" not in form + lem and "\n" not in form + lem:
            out[form] = lem
    return out


def _lookup(form: str, lex: Lexicon) -> Entry | None:
    if form in lex.exact:
        return lex.exact[form]
    if len(form) >= MIN_STEM_FORM:
        for stem, entry in lex.stems:
            if form.startswith(stem) and len(stem) >= MIN_STEM_FORM - 1:
                return entry
    return None


def _forms(word: str, lang: str, lex: Lexicon) -> list[str]:
    return _stripped([fold_word(word), fold_word(lemma(word, lang))], lex)


def _stripped(base: list[str], lex: Lexicon) -> list[str]:
    """The forms and the forms without their verbal prefix."""
    out = list(base)
    for form in base:
        for p in lex.prefixes:
            if form.startswith(p) and len(form) - len(p) >= MIN_STEM_FORM:
                out.append(form[len(p):])
                break
    return out


def find(text: str, start: int, end: int, lang: str | None,
         known: list[Match]) -> list[Match]:
    """Response words in text[start:end] that ``known`` (the automaton's matches) lacks."""
    if not lang or lang == "und":
        return []
    lex = lexicon(lang)
    if not (lex.exact or lex.stems or lex.phrases):
        return []
    taken = [(m.start, m.end) for m in known if m.pattern.kind in
             {"action", *SECTIONS.values(), "cn_official", "strong", "weak"}]
    out: list[Match] = []
    toks = [(start + m.start(), start + m.end()) for m in TOKEN.finditer(text[start:end])]
    words = [text[a:b].lower() for a, b in toks]
    folded = [fold_word(w) for w in words]
    for i, ((a, b), word) in enumerate(zip(toks, words, strict=True)):
        phrase = _phrase_at(i, folded, lex)
        if phrase is not None:
            n, hit = phrase
            out.append(Match(a, toks[i + n - 1][1], Pattern(hit.kind, lang=lang, key=hit.key)))
            continue
        if word in lex.particles or any(s <= a < e or a <= s < b for s, e in taken):
            continue
        entry: Entry | None = None
        for form in _forms(word, lang, lex):
            entry = _lookup(form, lex)
            if entry is not None:
                break
        if entry is None:
            entry = _inflected(fold_word(word), lex)
        if entry is None and lang in COMPOUNDING:
            entry = _compound_head(fold_word(word), lex)
        if entry is None and lex.particles:
            # A verb whose particle stands later in the clause: 'nahm ... fest', 'vizsgálta át'.
            entry = _separated(i, words, lang, lex)
        if entry is not None:
            out.append(Match(a, b, Pattern(entry.kind, lang=lang, key=entry.key)))
    return out


#: Languages that write a compound as one word whose last part names the thing
#: ('Außenminister', 'Innenministerium', 'Kriminalpolizei', 'buitenlandminister').
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb"})
#: Kinds a compound's head gives (nouns for actors; verbs do not compound so).
HEAD_KINDS = frozenset({"authority", "authority_weak", "other_actor"})
#: The shortest modifier before a head, and the longest ending after a listed stem.
COMPOUND_MODIFIER, HEAD_ENDING = 3, 4


def _compound_head(form: str, lex: Lexicon) -> Entry | None:
    """The actor a compound names by its last part: 'aussenminister' is a 'minister'."""
    heads = _heads(lex)
    for k in range(COMPOUND_MODIFIER, len(form) - MIN_STEM_FORM + 1):
        tail = form[k:]
        entry = heads[0].get(tail)
        if entry is not None:
            return entry
        for length in heads[2]:
            if len(tail) - length <= HEAD_ENDING:
                entry = heads[1].get(tail[:length])
                if entry is not None:
                    return entry
    return None


_HEADS: dict[int, tuple[dict[str, Entry], dict[str, Entry], tuple[int, ...]]] = {}


def _heads(lex: Lexicon) -> tuple[dict[str, Entry], dict[str, Entry], tuple[int, ...]]:
    """(exact heads, stem heads, the stems' lengths) of a lexicon's actor words."""
    got = _HEADS.get(id(lex))
    if got is None:
        exact = {w: e for w, e in lex.exact.items()
                 if e.kind in HEAD_KINDS and len(w) >= MIN_STEM_FORM}
        stems = {w: e for w, e in lex.stems if e.kind in HEAD_KINDS and len(w) >= MIN_STEM_FORM}
        got = _HEADS[id(lex)] = (exact, stems, tuple(sorted({len(w) for w in stems})))
    return got


#: Words at least this long may lose an inflectional ending the dictionary does not list
#: ('Innenministeriums' -> 'innenministerium', 'Senats' -> 'senat').
INFLECTED_MIN = 6


def _inflected(form: str, lex: Lexicon) -> Entry | None:
    if len(form) < INFLECTED_MIN:
        return None
    for cut in (1, 2):
        entry = lex.exact.get(form[:-cut])
        if entry is not None:
            return entry
    return None


def _phrase_at(i: int, folded: list[str], lex: Lexicon) -> tuple[int, Entry] | None:
    for words, entry in lex.phrases:
        n = len(words)
        got = folded[i:i + n]
        if len(got) == n and got[:-1] == list(words[:-1]) and (
                got[-1] == words[-1] or (words[-1].endswith("*")
                                         and got[-1].startswith(words[-1][:-1]))):
            return n, entry
    return None


#: How many tokens after its verb a separated particle may stand.
PARTICLE_REACH = 8


def _separated(i: int, words: list[str], lang: str, lex: Lexicon) -> Entry | None:
    root = fold_term(lemma(words[i], lang))
    for later in words[i + 1:i + 1 + PARTICLE_REACH]:
        if later in lex.particles:
            entry = _lookup(later + root, lex)
            if entry is not None:
                return entry
    return None
