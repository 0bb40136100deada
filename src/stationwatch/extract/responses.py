"""Host-government responses and Chinese denials, sentence by sentence.

A host action needs a host authority (not a Chinese official, not Chinese police) and an action
word that no negator governs; a statement, a host authority and a speech word; a denial, a
Chinese official and a denial word. The country is the host country the sentence names (by
name, city, adjective or a national body such as the RCMP), else the document's main host
country; a denial with neither is about China's network in general ('CN').
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import vocab
from .matcher import Match, is_spaced_script
from .sentences import Sentence

#: Schema names of actions (SCHEMA.md) by the vocabulary's action keys.
ACTIONS = ("investigation", "closure", "arrest", "charge", "conviction")
NEGATOR_WINDOW_BEFORE = 24
NEGATOR_WINDOW_AFTER = 8
#: How close 'Chinese' or a bureau must stand to an authority word to make it Chinese
#: ('Chinese police', 'la police de Wenzhou'): characters in spaced scripts, in CJK ones.
CHINESE_ACTOR_WINDOW = {"spaced": 16, "cjk": 2}
PLACE_KINDS = {"country", "city", "region", "demonym"}
#: Words allowed before a country that opens a clause ('The Netherlands', 'La France').
SUBJECT_LEAD = 4
SUBJECT_VERB_WINDOW = 90


@dataclass
class Found:
    country: str
    action: str
    sentence: Sentence


def _inside(m: Match, spans: list[Match]) -> bool:
    return any(o.start <= m.start and m.end <= o.end and o is not m for o in spans)


def _host_authorities(s: Sentence, text: str) -> list[Match]:
    """Authorities of the host state: not within a Chinese-official phrase, not 'Chinese police'
    nor '<bureau> police'."""
    chinese = s.kinds("cn_official")
    terms = s.kinds("strong") + s.kinds("weak")
    china, bureaus = s.kinds("china"), s.kinds("bureau")
    candidates = s.kinds("authority") + _acting_countries(s, text)
    if sentence_countries(s):
        candidates = candidates + s.kinds("authority_weak")
    out = []
    for a in candidates:
        # 'police' in 'police service station' names the station, not an authority.
        if _inside(a, chinese) or _inside(a, terms):
            continue
        # 'Chinese police', 'Fuzhou police', 'la police de Wenzhou' are the other side; but
        # 'the Dutch ministry summoned China's ambassador' is not: 'Chinese' counts only
        # before the authority word, a bureau on either side.
        if any(c.end <= a.start and near(a, c, text) for c in china) or \
                any(near(a, b, text) for b in bureaus):
            continue
        out.append(a)
    return out


def _headline_attribution(hosts: list[Match], text: str) -> bool:
    """'Bundesregierung: ...' - an authority followed by a colon is quoted."""
    return any(text[a.end:a.end + 2].lstrip().startswith(":") for a in hosts)


def _acting_countries(s: Sentence, text: str) -> list[Match]:
    """A country that opens a sentence or clause is its subject: 'Ireland ordered...',
    'Hollandia elrendelte...'; elsewhere a country name is only a place."""
    verbs = s.kinds("action") + s.kinds("speech") + s.kinds("denial")
    out = []
    for c in s.kinds("country"):
        before = text[s.start:c.start]
        clause = re.split(r"[.:;,!?\u2013\u2014\-•]\s", before)[-1]
        if len(clause.strip()) > SUBJECT_LEAD:
            continue
        # ...and its verb follows within the clause (a list of countries has none).
        if any(0 <= v.start - c.end <= SUBJECT_VERB_WINDOW and "," not in text[c.end:v.start]
               for v in verbs):
            out.append(c)
    return out


def near(a: Match, b: Match, text: str) -> bool:
    """Two matches close enough to read as one phrase, by the script of the first."""
    gap = a.start - b.end if b.end <= a.start else b.start - a.end
    script = "spaced" if is_spaced_script(text[a.start]) else "cjk"
    return 0 <= gap <= CHINESE_ACTOR_WINDOW[script]


def _negated(action: Match, s: Sentence) -> bool:
    for n in s.kinds("neg_before"):
        if n.end <= action.start and action.start - n.end <= NEGATOR_WINDOW_BEFORE:
            return True
    return any(0 <= n.start - action.end <= NEGATOR_WINDOW_AFTER for n in s.kinds("neg_after"))


def sentence_countries(s: Sentence) -> list[str]:
    codes = [m.pattern.country for m in s.matches
             if m.pattern.kind in PLACE_KINDS or (m.pattern.kind == "authority"
                                                  and m.pattern.country)]
    return [c for c in dict.fromkeys(codes) if c and c != "CN"]


def find_responses(sentences: list[Sentence], main_countries: list[str], text: str
                   ) -> list[Found]:
    """Responses of one relevant document; ``main_countries`` are its station countries,
    most reported first."""
    primary = main_countries[0] if main_countries else None
    single = len(main_countries) == 1
    found: list[Found] = []
    for s in sentences:
        hosts = _host_authorities(s, text)
        # The acting authority's own country when it names one ('Ireland ordered...', 'the
        # RCMP'); else every host country of the sentence; else the document's main one.
        acting = [a.pattern.country for a in hosts if a.pattern.country]
        countries = (list(dict.fromkeys(c for c in acting if c != "CN")) or sentence_countries(s)
                     or ([primary] if primary else []))
        actions = {a.pattern.key for a in s.kinds("action") if not _negated(a, s)}
        # Arrests and charges imply an authority, but only one of a country the sentence names
        # ('arrested in Los Angeles'; not 'returned to face charges in China').
        implied = actions & _implied_authority() if (
            sentence_countries(s) and not s.kinds("cn_official")) else set()
        if (hosts or implied) and countries:
            for action in ACTIONS:
                if action in actions and (hosts or action in implied):
                    found.extend(Found(c, action, s) for c in countries)
            # Speaking, or rejecting the reports ('the ministry rejects this'), is a statement.
            if s.kinds("speech") or (s.kinds("denial") and not s.kinds("cn_official")) \
                    or (s.kinds("request") and not actions) \
                    or _headline_attribution(hosts, text):
                found.extend(Found(c, "statement", s) for c in countries)
        if s.kinds("cn_official") and s.kinds("denial") and not hosts_only_negation(s):
            # About the host country when it names it, or, in a one-country report, when it
            # speaks of the offices themselves; otherwise about China's network in general.
            named = sentence_countries(s)
            specific = bool(s.kinds("strong") or s.kinds("weak")) and not s.kinds("generic")
            # An embassy speaks for its host country, however general its words.
            about_host = (single and specific) or bool(s.kinds("embassy"))
            host = primary if primary is not None and about_host else None
            target = named or [host or "CN"]
            found.extend(Found(c, "denial", s) for c in target)
    return found


@cache
def _implied_authority() -> set[str | None]:
    return set(vocab.read_yaml("actions.yaml")["implied_authority_actions"])


def hosts_only_negation(s: Sentence) -> bool:
    """A 'denial' word under a negator ('did not deny') is no denial."""
    return all(_negated(d, s) for d in s.kinds("denial"))


def rank_countries(stations: list[dict[str, Any]]) -> list[str]:
    counts = Counter({st["country"]: len(st["evidence"]) for st in stations})
    return [c for c, _ in counts.most_common()]
