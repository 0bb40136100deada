"""The extractor: the judgement of a careful analyst, as sentence-level rules over matches.

- Relevance: a strong station term, or a weak one (office, station...) beside a China cue,
  in the main text.
- Stations: places named in a station sentence, unless the place is where a return happened,
  where someone lives or an organisation sits, or the sentence negates a station; districts
  resolve to their city; regions give a country-level claim.
- Bureaus: bureaus named in a sentence about police or stations.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import Any

from .. import vocab
from ..ingest import Document
from ..model import Evidence, Extraction
from ..text import detect_language, fold, normalize
from ..text.numbers import parse_number
from . import clauses
from .matcher import Match, is_spaced_script, matcher
from .relevance import LinearModel, is_relevant
from .responses import find_responses, near, rank_countries
from .sentences import Sentence, sentence_spans

EXTRACTOR_VERSION = "rules/0.2"

#: Counter words between a CJK numeral and the noun it counts (两处站点, 2カ所の拠点).
_CLASSIFIERS = "处個个家所间間座カヶケか箇所の곳개 "
_WORD = re.compile(r"[\w'’-]+")

#: Longer main texts are refused: no report comes near it, and matching is linear but not free.
MAX_TEXT_CHARS = 2_000_000

#: How far a negation reaches forward to the station term it denies (characters).
NEGATION_REACH = 40

#: How far before a place a 'returned from' or 'based in' cue still governs it (characters).
CUE_WINDOW = 24
PROVINCE_LEVEL = "province"
MINISTRY_LEVEL = "ministry"
NAMED_KINDS = {"country", "city", "region", "bureau", "non_place"}
#: Kinds of lexicon words that shadow a town spelt the same.
LEXICON_KINDS = {"china", "police", "weak", "strong", "return", "negation", "contrast", "abroad",
                 "origin_prep", "authority_weak", "speech", "action", "denial", "request"}
PLACES = {"country", "city", "region"}
#: Between 'from' and a place, only a list of further places may stand.
_LIST_GAP = re.compile(r"^(?:[\s,、和与及]|and|y|et|und|e|en|a|es|the|la|le|les|el|los|il|"
                       r"[A-ZÀ-Þ][\w'’.-]*)*$")
#: A province counts as a bureau only when a police word follows this closely ('Zhejiang police').
PROVINCE_POLICE_WINDOW = 20


@cache
def _furniture_starts() -> tuple[str, ...]:
    return tuple(fold(w) for w in vocab.read_yaml("terms.yaml")["boilerplate_lines"])


@cache
def _footer_marks() -> tuple[str, ...]:
    return tuple(fold(w) for w in vocab.read_yaml("terms.yaml")["footer_marks"])


def _furniture_lines(text: str) -> list[tuple[int, int]]:
    """Spans of plain-text lines that are page furniture: those opened by a boilerplate_lines
    phrase, and short lines (imprints, footers) holding a footer_marks phrase."""
    starts, marks = _furniture_starts(), _footer_marks()
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        short = len(line) <= FOOTER_MAX_CHARS
        key = fold(line if short else line[:40])
        if key.startswith(starts) or (short and any(m in key for m in marks)):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


#: A footer or imprint line is short; a paragraph that mentions a privacy policy is not one.
FOOTER_MAX_CHARS = 200


def _sentences(doc: Document, lang: str | None = None) -> list[Sentence]:
    norm = normalize(doc.text)
    furniture = _furniture_lines(doc.text)
    spans = [(s, e) for s, e in sentence_spans(doc.text)
             if not any(fs <= s < fe for fs, fe in furniture)]
    out = [Sentence(s, e, []) for s, e in spans]
    starts = [s for s, _ in spans]
    matches = _longest(list(matcher().find(norm, doc.text, lang)))
    for m in matches:
        o_start, o_end = norm.span(m.start, m.end)
        i = bisect.bisect_right(starts, o_start) - 1
        if i >= 0 and o_start < out[i].end:
            out[i].matches.append(Match(o_start, o_end, m.pattern))
    return out


def _longest(matches: list[Match]) -> list[Match]:
    """Drop place and bureau matches inside a longer name ('York' within 'New York'), and towns
    that share their name with a national body ('Dáil' is the Irish parliament)."""
    named = sorted((m for m in matches if m.pattern.kind in NAMED_KINDS),
                   key=lambda m: m.start)
    starts = [m.start for m in named]
    longest = max((m.end - m.start for m in named), default=0)
    bodies = {(m.start, m.end) for m in matches
              if m.pattern.kind == "authority" and m.pattern.country}
    # A word of the document's own lexicon ('Síne' is Irish for China's, 'Police' a town in
    # Poland) is that word, not a town of the same spelling.
    bodies |= {(m.start, m.end) for m in matches if m.pattern.kind in LEXICON_KINDS}
    # A region's name is the region ('Quebec' the province), not its namesake city.
    regions = {(m.start, m.end) for m in matches if m.pattern.kind == "region"}
    keep = []
    for m in matches:
        if m.pattern.kind in NAMED_KINDS:
            # Only a name starting at most `longest` characters earlier can contain this one:
            # look at those, not at every name of the document.
            lo = bisect.bisect_left(starts, m.start - longest)
            hi = bisect.bisect_right(starts, m.start)
            if any(o.start <= m.start and m.end <= o.end
                   and (o.end - o.start) > (m.end - m.start) for o in named[lo:hi]):
                continue
        if m.pattern.kind in {"city", "region"} and (m.start, m.end) in bodies:
            continue
        if m.pattern.kind == "city" and (m.start, m.end) in regions:
            continue
        keep.append(m)
    return keep


def _resolve_ambiguous_cities(sentences: list[Sentence]) -> None:
    """One city per name: a country the document names wins, then the larger city. A small
    town's name or a rare name of a city ('needs_country') stands only where the document names
    its country or another of its well-known cities (document coherence: 'Eugene' in an Irish
    story is a first name; 'Venezia' in an Italian one is Venice)."""
    named = {m.pattern.country for s in sentences for m in s.matches
             if m.pattern.kind in {"country", "demonym"}
             or (m.pattern.kind == "authority" and m.pattern.country)}
    countries_of: dict[tuple[int, int], set[str | None]] = {}
    for s in sentences:
        for m in s.matches:
            if m.pattern.kind == "city":
                countries_of.setdefault((m.start, m.end), set()).add(m.pattern.country)
    # Countries the document places itself in: named, or of a well-known city whose name is
    # not also another country's city.
    coherent = named | {m.pattern.country for s in sentences for m in s.matches
                        if m.pattern.kind == "city" and not m.pattern.needs_country
                        and len(countries_of[(m.start, m.end)]) == 1}
    for s in sentences:
        s.matches = [m for m in s.matches
                     if not (m.pattern.kind == "city" and m.pattern.needs_country
                             and m.pattern.country not in coherent)]
    for s in sentences:
        by_span: dict[tuple[int, int], list[Match]] = {}
        for m in s.matches:
            if m.pattern.kind == "city":
                by_span.setdefault((m.start, m.end), []).append(m)
        drop: set[int] = set()
        for options in by_span.values():
            if len(options) > 1:
                best = _dominant(options) or max(
                    options, key=lambda m: (m.pattern.country in named, m.pattern.population))
                drop.update(id(m) for m in options if m is not best)
        s.matches = [m for m in s.matches if id(m) not in drop]


#: A well-known city this many times larger than every other place of the same name is meant
#: even where the document names the smaller one's country ('Barcellona' in Italian is
#: Barcelona, not Barcellona Pozzo di Gotto; 'Paris' beside a mention of the United States).
DOMINANT_RATIO = 20


def _dominant(options: list[Match]) -> Match | None:
    big = max(options, key=lambda m: m.pattern.population)
    if big.pattern.needs_country:
        return None
    if all(big.pattern.population >= DOMINANT_RATIO * max(o.pattern.population, 1)
           for o in options if o is not big):
        return big
    return None


#: A year, as bylines date a story ('– Roma, 19 dicembre 2022').
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: A byline line is short: a place, an agency or desk, a date.
BYLINE_MAX_TOKENS = 12


def _is_byline(s: Sentence, text: str) -> bool:
    """'Den Haag (Nieuwsdienst Lage Landen) – 1 november 2022', 'Agenzia Stampa – Roma, 19
    dicembre 2022': a short line of its own with a year and no station word names where and
    when a story was filed, like a dateline (not a table row or list item)."""
    if s.kinds("strong") or s.kinds("weak"):
        return False
    line, short = _line_of(s, text)
    if not short or line.lstrip().startswith("|") or _LIST_ITEM.match(line) or \
            len(clauses.TOKEN.findall(line)) > BYLINE_MAX_TOKENS or not _YEAR.search(line):
        return False
    return not line.rstrip().endswith((".", "!", "?", "。"))


def _is_dateline(place: Match, s: Sentence, text: str) -> bool:
    """'THE HAGUE —' or 'LONDON,' opening a story names where it was filed; so does a byline
    line ('Agenzia Stampa Peninsulare – Roma, 19 dicembre 2022')."""
    if _is_byline(s, text):
        return True
    if place.start - s.start > 4:
        return False
    word = text[place.start:place.end]
    after = text[place.end:place.end + 3]
    return word.isupper() and (after[:1] in {",", "\u2014", "-", "\u2013"} or
                               after.strip()[:1] in {"\u2014", "-", "\u2013", ","})


#: A line that is an item of a list: a bullet, a dash or a number, then text.
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪●◦‣–—]|\d{1,3}[.)]|[a-z][.)])\s+\S")
#: A short line without a closing stop inside a list is a heading of its groups ('Europe').
HEADING_MAX_WORDS = 4


#: The longest line examined whole: longer lines are prose (and a text with no line breaks
#: must not be copied once per sentence).
SHORT_LINE_CHARS = 200


def _line_of(s: Sentence, text: str) -> tuple[str, bool]:
    """The line holding the sentence's start, cut to SHORT_LINE_CHARS, and whether it is
    short enough to be whole."""
    line_start = text.rfind("\n", 0, s.start) + 1
    line_end = text.find("\n", s.start)
    line_end = line_end if line_end >= 0 else len(text)
    short = line_end - line_start <= SHORT_LINE_CHARS
    return text[line_start:min(line_end, line_start + SHORT_LINE_CHARS)], short


def _line_kind(s: Sentence, text: str) -> str:
    """What the line holding the sentence's start is: 'table' (a '|' row), 'item' (a list
    item), 'heading' (a short line without a closing stop) or 'text'."""
    line, short = _line_of(s, text)
    if line.lstrip().startswith("|"):
        return "table"
    if _LIST_ITEM.match(line):
        return "item"
    if short and len(line.split()) <= HEADING_MAX_WORDS \
            and not line.rstrip().endswith((".", "!", "?", "。", ":", "：")):
        return "heading"
    return "text"


def _has_place(s: Sentence) -> bool:
    return any(m.pattern.kind in PLACES for m in s.matches)


def _in_context(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Sentences about stations: those with a station term (a sentence on what a named bureau's
    police did abroad too), then what the context carries to:

    - a table or list (its rows, items and group headings) that follows a station sentence or
      has station terms in its own rows: every row of it lists stations;
    - the next sentence, when it names places and no other topic (ellipsis and anaphora:
      'The first was in Bergen; the others in Odense', 其中，柏林有一个, 'localiza-as em Braga').
    """
    own_ids = {id(s) for s in sentences if _station_terms(s)
               or any(_bureau_as_police(b, s, text) for b in s.kinds("bureau"))}
    chosen_ids = set(own_ids)
    kinds = [_line_kind(s, text) for s in sentences]
    i = 0
    while i < len(sentences):
        if kinds[i] not in {"table", "item", "heading"}:
            i += 1
            continue
        j = i
        while j < len(sentences) and kinds[j] in {"table", "item", "heading"}:
            j += 1
        block = sentences[i:j]
        rows = [k for k in kinds[i:j] if k != "heading"]
        lead_in = i > 0 and id(sentences[i - 1]) in own_ids
        if rows and (lead_in or any(id(s) in own_ids for s in block)):
            chosen_ids.update(id(s) for s in block)
        i = j
    for k in range(1, len(sentences)):
        s = sentences[k]
        if id(sentences[k - 1]) in own_ids and id(s) not in chosen_ids and kinds[k] == "text" \
                and _carries_over(s):
            chosen_ids.add(id(s))
    return [s for s, kind in zip(sentences, kinds, strict=True)
            if id(s) in chosen_ids and not (kind == "table" and _is_comment_row(s, text))]


#: A time of day ('15:02'), which a reader comment's row carries beside its author and date.
_TIME_OF_DAY = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")


def _is_comment_row(s: Sentence, text: str) -> bool:
    """A row of a page's comment table ('| debreceni_civis 2022.10.31 15:02 | Szegeden is
    ...! |'): its first cell holds a time of day. Readers' comments are not the report, so
    nothing in them is a station, even with a station word."""
    line, _short = _line_of(s, text)
    first = line.strip().strip("|").split("|", 1)[0]
    return bool(_TIME_OF_DAY.search(first))


def _carries_over(s: Sentence) -> bool:
    """A sentence continues the previous one's stations when it names places and none of the
    cues that give them another role (origin, residence, a negation, an authority acting)."""
    if not _has_place(s):
        return False
    other = ("origin_verb", "not_before", "not_after", "negation", "neg_after", "authority",
             "action", "speech", "cn_official", "return")
    return not any(s.kinds(k) for k in other)


def _station_terms(s: Sentence) -> list[Match]:
    """The sentence's words for the stations: office words, and strong terms other than the
    campaign's ('劝返', 'persuasion to return' name the returns, and the places beside them are
    where the targets were: SCHEMA.md). None in a sentence that lists places as forbidden
    destinations."""
    if s.kinds("forbidden"):
        return []
    returns = {(m.start, m.end) for m in s.kinds("return")}
    return [m for m in s.kinds("strong") + s.kinds("weak") if (m.start, m.end) not in returns]


def _is_station_sentence(s: Sentence) -> bool:
    return bool(s.kinds("strong")) or (bool(s.kinds("weak")) and bool(s.kinds("china")))


def _count(s: Sentence, text: str, lang: str) -> int | None:
    """'three offices', 'drie posten', 两处站点: a number just before a station noun."""
    for term in s.kinds("weak") + s.kinds("strong"):
        before = text[max(s.start, term.start - 40):term.start]
        if before and not is_spaced_script(text[term.start]):
            numeral = before.rstrip(_CLASSIFIERS)[-3:]
            for i in range(len(numeral)):
                value = parse_number(numeral[i:], lang)
                if value is not None:
                    return value
            continue
        words = _WORD.findall(before)[-3:]
        for word in reversed(words):
            value = parse_number(word, lang)
            if value is not None:
                return value
    return None


def _station_negated(s: Sentence, text: str, lang: str | None) -> bool:
    """'found no evidence of a Chinese police station in the city': every station term of the
    sentence follows a negation of its own clause closely, so no place in it is a station."""
    terms = s.kinds("strong") + s.kinds("weak")
    negations = s.kinds("negation")
    if not (terms and negations):
        return False
    parts = clauses.split(s, text, lang)
    return all(any(0 <= t.start - n.end <= NEGATION_REACH
                   and clauses.clause_of(n, parts) == clauses.clause_of(t, parts)
                   for n in negations) for t in terms)


def _is_origin(place: Match, s: Sentence, text: str) -> bool:
    """'brought back ... from Spain and Serbia': a 'from' after a verb of movement or contact,
    followed only by a list of places up to this one."""
    if not any(v.end <= place.start for v in s.kinds("origin_verb")):
        return False
    for prep in s.kinds("origin_prep"):
        if prep.end <= place.start and _LIST_GAP.match(text[prep.end:place.start]):
            return True
    return False


def _excluded(place: Match, s: Sentence, text: str, lang: str | None = None) -> bool:
    """The place has another role in its clause: an origin, a seat ('based in', 'the embassy
    in'), an adjective of another noun, or it is under a negation of the same clause."""
    if _is_origin(place, s, text) or _adjective_of_other_noun(place, s, text):
        return True
    terms = s.kinds("strong") + s.kinds("weak")
    for cue in s.kinds("not_before"):
        if cue.end <= place.start and place.start - cue.end <= CUE_WINDOW:
            # '... police station based in Rotterdam': the station's own seat is its place.
            if any(0 <= cue.start - t.end <= 1 for t in terms):
                continue
            return True
    for cue in s.kinds("not_after"):
        if cue.start >= place.end and cue.start - place.end <= 2:
            return True
    negations = [n for n in s.kinds("negation") if n.start < place.start]
    if not negations:
        return False
    # A negation reaches only within its own clause (clauses.py: punctuation, conjunctions,
    # 'but', 'mais', 但; never across a list of places).
    parts = clauses.split(s, text, lang)
    at = clauses.clause_of(place, parts)
    return any(clauses.clause_of(n, parts) == at for n in negations)


def _adjective_of_other_noun(place: Match, s: Sentence, text: str) -> bool:
    """A place written as a lower-case adjective ('debreceni', 'spanyolországi') names a station
    only when the noun it qualifies is a station or police word ('a debreceni irodát'), not
    'egy spanyolországi esetet' (a case in Spain)."""
    first = text[place.start:place.start + 1]
    if not first.isalpha() or not first.islower() or not is_spaced_script(first):
        return False
    # The qualified noun: within the next two words ('a debreceni kínai rendőrőrsöt').
    rest = re.match(r"\w*(?:\s+\w+){0,2}", text[place.end:place.end + 80])
    reach = place.end + (rest.end() if rest else 0)
    return not any(place.end < m.start <= reach for m in s.matches
                   if m.pattern.kind in {"strong", "weak", "police"})


#: Separators inside a written foreign name (ジョージ・ハリス).
_NAME_DOTS = "・·•"


def _is_person_name(place: Match, s: Sentence, text: str) -> bool:
    """'Eugene Walsh', 'Soledad Ibarra', ジョージ・ハリス: a place-name token inside a run of
    capitalised words naming a person (or a katakana name with its middle dot). A neighbour
    that is a term or a country ('Prato Chinese', 'Auckland Council' is not: 'Council' is
    unmatched but follows a sentence-initial place) keeps it a place; two towns of different
    countries side by side with nothing between them are a first name and a surname."""
    if place.pattern.kind != "city":
        return False
    before, after = text[max(s.start, place.start - 1):place.start], text[place.end:place.end + 1]
    if (before and before in _NAME_DOTS) or (after and after in _NAME_DOTS):
        return True
    if not is_spaced_script(text[place.start]) \
            or place.pattern.population >= PERSON_NAME_MAX_POPULATION:
        return False
    prev = re.search(r"(\S+) $", text[max(s.start, place.start - 30):place.start])
    sentence_initial = prev is None
    nxt = re.match(r" [A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž'’-]+\b", text[place.end:place.end + 40])
    if nxt is not None and not sentence_initial:
        neighbour = [m for m in s.matches if m.start == place.end + 1]
        if not neighbour:
            return True  # 'Eugene Walsh'
        if _other_town(neighbour, place):
            return True  # 'Soledad Ibarra'
    if prev is not None and re.fullmatch(r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-öø-ÿā-ž'’-]+", prev.group(1)):
        neighbour = [m for m in s.matches if m.end == place.start - 1]
        return bool(neighbour) and _other_town(neighbour, place)  # 'Ibarra' after 'Soledad'
    return False


def _other_town(neighbour: list[Match], place: Match) -> bool:
    """The neighbouring word is only a small town of another country."""
    return all(m.pattern.kind == "city" and m.pattern.country != place.pattern.country
               and m.pattern.population < PERSON_NAME_MAX_POPULATION for m in neighbour)


def _names_something_else(place: Match, text: str, lang: str | None) -> bool:
    """'via Roma', 'avenue George-V': a street named after the town; 'la Digos', 'der Länder':
    after an article, a common noun or an acronym spelt like a (smaller) town. The word before
    is read in the document's own language (``street_words`` and ``articles`` in terms.yaml)."""
    if place.pattern.kind != "city" or not is_spaced_script(text[place.start:place.start + 1]):
        return False
    prev = re.search(r"([^\W\d_]+)\.?\s+$", text[max(0, place.start - 24):place.start])
    if prev is None:
        return False
    word = fold(prev.group(1))
    streets, articles = _place_words(lang)
    return word in streets or (word in articles
                               and place.pattern.population < PERSON_NAME_MAX_POPULATION)


@cache
def _place_words(lang: str | None) -> tuple[frozenset[str], frozenset[str]]:
    data = vocab.read_yaml("terms.yaml")
    return (frozenset(fold(w) for w in data["street_words"].get(lang or "", [])),
            frozenset(fold(w) for w in data["articles"].get(lang or "", [])))


def _is_common_word(place: Match, text: str) -> bool:
    """'Auch', 'Este', 'Come', 'Brak' opening a sentence or a heading: a town's name that the
    same document also writes in lower case as an ordinary word is that word (a document-level
    frequency test: the text itself shows the word is common in its language)."""
    if place.pattern.kind != "city" or place.pattern.population >= PERSON_NAME_MAX_POPULATION:
        return False
    word = text[place.start:place.end]
    if not word[:1].isupper() or not is_spaced_script(word[:1]):
        return False
    return word.lower() in _lower_words(text)


@lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    """The words the text writes in lower case."""
    return frozenset(w for w in re.findall(r"(?<![\w'’-])[^\W\d_][\w'’-]*", text)
                     if w[:1].islower())


#: Cities this large are read as places even beside another capitalised word.
PERSON_NAME_MAX_POPULATION = 1_000_000


def _evidence(doc: Document, s: Sentence) -> dict[str, Any]:
    return Evidence(s.start, s.end, doc.text[s.start:s.end]).as_dict()


def analyse(doc: Document, lang: str) -> list[Sentence]:
    """The main text's sentences with their vocabulary matches, one city per name."""
    sentences = _sentences(doc, lang)
    _resolve_ambiguous_cities(sentences)
    # A person's name or a common word spelt like a town is no place for any claim.
    for s in sentences:
        s.matches = [m for m in s.matches if not (
            m.pattern.kind == "city" and (_is_person_name(m, s, doc.text)
                                          or _is_common_word(m, doc.text)
                                          or _names_something_else(m, doc.text, lang)))]
    return sentences


def extract(doc: Document, relevance_model: LinearModel | None = None) -> Extraction:
    """Claims of one loaded document (documents with load errors give an empty extraction).

    ``relevance_model`` replaces the shipped relevance model (cross-validation fits its own).
    """
    result = Extraction(path=doc.path, uri=doc.uri, lang=detect_language(doc.text) if doc.text
                        else "und", relevant=False, errors=list(doc.errors),
                        warc_record_id=doc.warc_record_id, offset=doc.offset)
    if not doc.text:
        return result
    if len(doc.text) > MAX_TEXT_CHARS:
        result.errors.append(f"text too long to extract ({len(doc.text):,} characters; "
                             f"limit {MAX_TEXT_CHARS:,})")
        return result
    sentences = analyse(doc, result.lang)
    # The archive prefilter relies on relevance's gate (relevance.py, pipeline/prefilter.py).
    result.relevant = is_relevant(sentences, doc.text, relevance_model)
    if not result.relevant:
        return result
    # Once the document is about stations, a plain 'station' or 'office' refers to them, and a
    # table introduced by such a sentence lists them.
    station_sentences = _in_context(sentences, doc.text)

    stations: dict[tuple[str, str | None], dict[str, Any]] = {}
    seen: set[tuple[int, int]] = set()  # (claim entry, sentence start) already in evidence
    bureaus: dict[str, dict[str, Any]] = {}
    for s in sentences:
        in_station = s in station_sentences
        sentence_bureaus = [b for b in s.kinds("bureau") if _bureau_counts(b, s)]
        for b in sentence_bureaus:
            key = vocab.bureaus()[b.pattern.key or ""].claimed_as
            bureaus.setdefault(key, {"name": key, "evidence": []})["evidence"].append(
                _evidence(doc, s))
        if not in_station or _station_negated(s, doc.text, result.lang) or s.kinds("forbidden"):
            continue
        linked = {vocab.bureaus()[b.pattern.key or ""].claimed_as for b in sentence_bureaus}
        bureau = next(iter(linked)) if len(linked) == 1 else None
        sentence_places = [p for p in s.matches if p.pattern.kind in PLACES
                           and not _excluded(p, s, doc.text, result.lang)
                           and not _is_dateline(p, s, doc.text)]
        count = _count(s, doc.text, result.lang) if len(
            {(p.pattern.country, p.pattern.city) for p in sentence_places}) == 1 else None
        for place in s.matches:
            kind = place.pattern.kind
            if kind not in {"country", "city", "region"} \
                    or _excluded(place, s, doc.text, result.lang) \
                    or _is_dateline(place, s, doc.text):
                continue
            country = place.pattern.country or ""
            city = place.pattern.city if kind == "city" else None
            entry = stations.setdefault((country, city), {
                "country": country, "city": city, "bureau": None, "count": None,
                "evidence": []})
            if bureau and entry["bureau"] is None:
                entry["bureau"] = bureau
            if count is not None and count > (entry["count"] or 0):
                entry["count"] = count
            # A set of spans per claim: a list membership test made a document of thousands of
            # sentences about one place quadratic.
            if (id(entry), s.start) not in seen:
                seen.add((id(entry), s.start))
                entry["evidence"].append(_evidence(doc, s))
    responses: dict[tuple[str, str], dict[str, Any]] = {}
    for f in find_responses(sentences, rank_countries(list(stations.values())), doc.text,
                            result.lang):
        entry = responses.setdefault((f.country, f.action), {
            "country": f.country, "action": f.action, "evidence": []})
        ev = _evidence(doc, f.sentence)
        if (id(entry), f.sentence.start) not in seen:
            seen.add((id(entry), f.sentence.start))
            entry["evidence"].append(ev)
        if f.action == "closure" and f.country != "CN":
            # An order to close is also a report that a station operated there.
            stations.setdefault((f.country, None), {
                "country": f.country, "city": None, "bureau": None, "count": None,
                "evidence": [ev]})
    result.stations = list(stations.values())
    result.bureaus = list(bureaus.values())
    result.responses = list(responses.values())
    return result


def _bureau_as_police(b: Match, s: Sentence, text: str) -> bool:
    """'Fuzhou police', 'la polizia di Fuzhou', 福州警方: the bureau acting, not the place."""
    return any(near(b, p, text) for p in s.kinds("police"))


def _bureau_counts(b: Match, s: Sentence) -> bool:
    """A local bureau counts in a sentence about police or stations; a province only as an
    actor; the national ministry never (claims name the operating local bureau)."""
    level = vocab.bureaus()[b.pattern.key or ""].level
    if level == MINISTRY_LEVEL:
        return False
    police = s.kinds("police")
    if not (_is_station_sentence(s) or police):
        return False
    # '江苏省南通市公安局', '丽水市下辖的青田县警方', 'Zhejiang's Qingtian police': a province or
    # city naming where its subordinate bureau lies is part of that name, not a second bureau.
    if any(b.pattern.key in vocab.bureau_ancestors(o.pattern.key or "")
           and 0 <= o.start - b.end <= PROVINCE_PREFIX_GAP for o in s.kinds("bureau")):
        return False
    if level == PROVINCE_LEVEL:
        return any(0 <= p.start - b.end <= PROVINCE_POLICE_WINDOW for p in police)
    return True


#: Characters between a province and the bureau it prefixes ('省', ' Province, ').
PROVINCE_PREFIX_GAP = 12
