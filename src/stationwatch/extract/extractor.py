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
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .. import vocab
from ..ingest import Document
from ..text import detect_language, fold, normalize
from ..text.numbers import parse_number
from .matcher import Match, is_spaced_script, matcher
from .responses import find_responses, near, rank_countries
from .sentences import Sentence, sentence_spans

EXTRACTOR_VERSION = "rules/0.1"

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
PLACES = {"country", "city", "region"}
#: Between 'from' and a place, only a list of further places may stand.
_LIST_GAP = re.compile(r"^(?:[\s,、和与及]|and|y|et|und|e|en|a|es|the|la|le|les|el|los|il|"
                       r"[A-ZÀ-Þ][\w'’.-]*)*$")
#: A province counts as a bureau only when a police word follows this closely ('Zhejiang police').
PROVINCE_POLICE_WINDOW = 20


@dataclass
class Evidence:
    start: int
    end: int
    quote: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "quote": self.quote}


@dataclass
class Extraction:
    path: str
    uri: str | None
    lang: str
    relevant: bool
    stations: list[dict[str, Any]] = field(default_factory=list)
    bureaus: list[dict[str, Any]] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warc_record_id: str | None = None
    offset: int | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path}
        if self.uri is not None:
            out["uri"] = self.uri
        out.update({"lang": self.lang, "relevant": self.relevant, "stations": self.stations,
                    "bureaus": self.bureaus, "responses": self.responses,
                    "errors": self.errors})
        return out


@cache
def _furniture_starts() -> tuple[str, ...]:
    return tuple(fold(w) for w in vocab.read_yaml("terms.yaml")["boilerplate_lines"])


def _furniture_lines(text: str) -> list[tuple[int, int]]:
    """Spans of plain-text lines that are page furniture (see boilerplate_lines)."""
    starts = _furniture_starts()
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        if fold(line[:40]).startswith(starts):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


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
        if m.pattern.kind == "city" and (m.start, m.end) in bodies:
            continue
        keep.append(m)
    return keep


def _resolve_ambiguous_cities(sentences: list[Sentence]) -> None:
    """One city per name: a country the document names wins, then the larger city."""
    named = {m.pattern.country for s in sentences for m in s.matches
             if m.pattern.kind in {"country", "demonym"}
             or (m.pattern.kind == "authority" and m.pattern.country)}
    for s in sentences:
        by_span: dict[tuple[int, int], list[Match]] = {}
        for m in s.matches:
            if m.pattern.kind == "city":
                by_span.setdefault((m.start, m.end), []).append(m)
        drop: set[int] = set()
        for options in by_span.values():
            if len(options) > 1:
                best = max(options, key=lambda m: (m.pattern.country in named,
                                                   m.pattern.population))
                drop.update(id(m) for m in options if m is not best)
        s.matches = [m for m in s.matches if id(m) not in drop]


def _is_dateline(place: Match, s: Sentence, text: str) -> bool:
    """'THE HAGUE —' or 'LONDON,' opening a story names where it was filed."""
    if place.start - s.start > 4:
        return False
    word = text[place.start:place.end]
    after = text[place.end:place.end + 3]
    return word.isupper() and (after[:1] in {",", "\u2014", "-", "\u2013"} or
                               after.strip()[:1] in {"\u2014", "-", "\u2013", ","})


def _in_context(sentences: list[Sentence], text: str) -> list[Sentence]:
    # A sentence on what a named bureau's police did abroad is about its stations too.
    chosen = [s for s in sentences if s.kinds("strong") or s.kinds("weak")
              or any(_bureau_as_police(b, s, text) for b in s.kinds("bureau"))]
    in_table = False
    for i, s in enumerate(sentences):
        if text[s.start:s.end].lstrip().startswith("|"):
            if not in_table:
                before = sentences[i - 1] if i else None
                in_table = before is not None and (before in chosen)
            if in_table and s not in chosen:
                chosen.append(s)
        else:
            in_table = False
    return chosen


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


def _station_negated(s: Sentence) -> bool:
    """'found no evidence of a Chinese police station in the city': every station term of the
    sentence follows a negation closely, so no place in it is a station."""
    terms = s.kinds("strong") + s.kinds("weak")
    negations = s.kinds("negation")
    return bool(terms and negations) and all(
        any(0 <= t.start - n.end <= NEGATION_REACH for n in negations) for t in terms)


def _is_origin(place: Match, s: Sentence, text: str) -> bool:
    """'brought back ... from Spain and Serbia': a 'from' after a verb of movement or contact,
    followed only by a list of places up to this one."""
    if not any(v.end <= place.start for v in s.kinds("origin_verb")):
        return False
    for prep in s.kinds("origin_prep"):
        if prep.end <= place.start and _LIST_GAP.match(text[prep.end:place.start]):
            return True
    return False


def _excluded(place: Match, s: Sentence, text: str) -> bool:
    if _is_origin(place, s, text):
        return True
    for cue in s.kinds("not_before"):
        if cue.end <= place.start and place.start - cue.end <= CUE_WINDOW:
            return True
    for cue in s.kinds("not_after"):
        if cue.start >= place.end and cue.start - place.end <= 2:
            return True
    return any(neg.start < place.start for neg in s.kinds("negation"))


def _evidence(doc: Document, s: Sentence) -> dict[str, Any]:
    return Evidence(s.start, s.end, doc.text[s.start:s.end]).as_dict()


def extract(doc: Document) -> Extraction:
    """Claims of one loaded document (documents with load errors give an empty extraction)."""
    result = Extraction(path=doc.path, uri=doc.uri, lang=detect_language(doc.text) if doc.text
                        else "und", relevant=False, errors=list(doc.errors),
                        warc_record_id=doc.warc_record_id, offset=doc.offset)
    if not doc.text:
        return result
    if len(doc.text) > MAX_TEXT_CHARS:
        result.errors.append(f"text too long to extract ({len(doc.text):,} characters; "
                             f"limit {MAX_TEXT_CHARS:,})")
        return result
    sentences = _sentences(doc, result.lang)
    _resolve_ambiguous_cities(sentences)
    # Relevant when the main text names the stations or the campaign (a strong term); the
    # archive prefilter relies on this (pipeline/prefilter.py).
    result.relevant = any(s.kinds("strong") for s in sentences)
    if not result.relevant:
        return result
    # Once the document is about stations, a plain 'station' or 'office' refers to them, and a
    # table introduced by such a sentence lists them.
    station_sentences = _in_context(sentences, doc.text)

    stations: dict[tuple[str, str | None], dict[str, Any]] = {}
    bureaus: dict[str, dict[str, Any]] = {}
    for s in sentences:
        in_station = s in station_sentences
        sentence_bureaus = [b for b in s.kinds("bureau") if _bureau_counts(b, s)]
        for b in sentence_bureaus:
            key = b.pattern.key or ""
            bureaus.setdefault(key, {"name": key, "evidence": []})["evidence"].append(
                _evidence(doc, s))
        if not in_station or _station_negated(s):
            continue
        linked = {b.pattern.key for b in sentence_bureaus}
        bureau = next(iter(linked)) if len(linked) == 1 else None
        sentence_places = [p for p in s.matches if p.pattern.kind in PLACES
                           and not _excluded(p, s, doc.text) and not _is_dateline(p, s, doc.text)]
        count = _count(s, doc.text, result.lang) if len(
            {(p.pattern.country, p.pattern.city) for p in sentence_places}) == 1 else None
        for place in s.matches:
            kind = place.pattern.kind
            if kind not in {"country", "city", "region"} or _excluded(place, s, doc.text) \
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
            ev = _evidence(doc, s)
            if ev not in entry["evidence"]:
                entry["evidence"].append(ev)
    responses: dict[tuple[str, str], dict[str, Any]] = {}
    for f in find_responses(sentences, rank_countries(list(stations.values())), doc.text,
                            result.lang):
        entry = responses.setdefault((f.country, f.action), {
            "country": f.country, "action": f.action, "evidence": []})
        ev = _evidence(doc, f.sentence)
        if ev not in entry["evidence"]:
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
    if level == PROVINCE_LEVEL:
        return any(0 <= p.start - b.end <= PROVINCE_POLICE_WINDOW for p in police)
    return True
