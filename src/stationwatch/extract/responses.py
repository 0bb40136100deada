"""Host-government responses and Chinese denials, clause by clause (see actors.py for how each
clause's actor, polarity and countries are read).

Only a host actor's actions and speech are host responses; arrests, charges and convictions
need no named actor unless the clause places them in China; a Chinese closure counts when a
host authority demanded it in the same sentence. A Chinese denial - a denial word, a negated
existence ('there are no Chinese police stations in X') or a reframing ('volunteers') in a
Chinese speaker's clauses - takes the host country the sentence names, else the host country
an embassy speaks for, else the one host country of the document unless the line is general
('such stations', 'elsewhere', 所谓), else 'CN'.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..text import fold_term
from .actors import (
    Actor,
    Reading,
    near,
    place_countries,
    script_of,
    sentence_countries,
    word_set,
)
from .clauses import actions_data, clause_of, count_between
from .matcher import Match
from .sentences import Sentence

#: A station term this close after a negator is said not to exist.
EXISTENCE_REACH = {"spaced": 4, "cjk": 6}


@dataclass
class Found:
    country: str
    action: str
    sentence: Sentence


def find_responses(sentences: list[Sentence], main_countries: list[str], text: str,
                   lang: str | None = None) -> list[Found]:
    """Responses of one relevant document; ``main_countries`` are its station countries,
    most reported first; ``lang`` the document's language (for lemmas and clause words)."""
    primary = main_countries[0] if main_countries else None
    single = len(main_countries) == 1
    found: list[Found] = []
    carried: Actor | None = None
    # The host countries of the last sentence's speaker when it was Chinese, else None.
    chinese_voice: list[str] | None = None
    transcript = Transcript(text, lang)
    last_actions: list[str] = []  # the actions of the last host response, for 'did the same'
    section = primary
    for n, s in enumerate(sentences):
        named = _heading_countries(s, text)
        if named is not None:
            # A round-up's heading ('Spanje', 'Germany: ...') is the country of the lines under
            # it, until the next heading ('En België?' names its own or none).
            section = named[0] if len(named) == 1 else primary
            carried = None
        transcript.read(s, first=n == 0)
        answering = transcript.chinese_answer()
        # In a Chinese spokesperson's answer, 'the relevant authorities' are China's.
        r = Reading(s, text, lang, None if answering else section, carried)
        carried = r.last_host()
        host = _host_responses(r, last_actions)
        found.extend(host)
        acted = [f.action for f in host if f.action != "statement"]
        if acted:
            last_actions = list(dict.fromkeys(acted))
        if answering:
            voice: list[str] | None = transcript.countries
        elif chinese_voice is not None and not r.actors and _continues(r, sentences, n):
            voice = chinese_voice  # 'The embassy said ... It added that they are volunteers.'
        else:
            voice = None
        found.extend(_denials(r, primary, single, voice))
        speakers = [a for a in r.clause_actor if a is not None]
        if speakers or r.actors:
            chinese_voice = None
            if speakers and speakers[-1].side == "china":
                chinese_voice = sentence_countries(r.full) or (
                    [primary] if primary and r.kinds("embassy") else [])
    return found


def _continues(r: Reading, sentences: list[Sentence], n: int) -> bool:
    """The sentence goes on with the last one's speaker: same paragraph, and opened by a
    subject pronoun ('It added...', 'Elle dénonce...') or, in Chinese and Japanese, which
    leave the subject out, by no subject at all."""
    text = r.text
    if n == 0 or "\n" in text[sentences[n - 1].end:sentences[n].start]:
        return False
    if script_of(text, r.s.start) != "spaced":
        return True
    return r.opens_with_pronoun()


class Transcript:
    """The question-and-answer turns of a press conference or interview transcript: a line
    opened by a question or answer marker and a colon ('Q:', '答：', 'Frage:') starts a turn
    that lasts until the next marker. Answers are a Chinese official's when a question asks
    the Chinese side (a Chinese official cue in it: 'What is China's response?', 中方对此有何
    回应) or the transcript's title names one ('外交部发言人主持例行记者会'); they concern the
    host countries named in the question they answer."""

    def __init__(self, text: str, lang: str | None) -> None:
        self.text = text
        self.turn: str | None = None
        self.chinese = False
        self.countries: list[str] = []
        self._marker = _turn_marker(lang)

    def read(self, s: Sentence, first: bool) -> None:
        text = self.text
        official = any(m.pattern.kind == "cn_official" for m in s.matches)
        if first and official:
            self.chinese = True
        line_start = text.rfind("\n", 0, s.start) + 1
        m = None if text[line_start:s.start].strip() else self._marker.match(text, s.start)
        if m is not None:
            self.turn = "question" if m.group("q") else "answer"
            if self.turn == "question":
                self.countries = []
        if self.turn == "question":
            self.chinese = self.chinese or official
            self.countries = list(dict.fromkeys(self.countries + sentence_countries(s)))

    def chinese_answer(self) -> bool:
        return self.turn == "answer" and self.chinese


@cache
def _turn_marker(lang: str | None) -> re.Pattern[str]:
    data = actions_data()

    def words(section: str) -> str:
        by_lang = data[section]
        ws = set(by_lang.get(lang or "", [])) | set(by_lang["en"])
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    return re.compile(rf"\s*(?:(?P<q>{words('question_markers')})|(?P<a>{words('answer_markers')}))"
                      r"\s*[:\uff1a]", re.IGNORECASE)


#: A heading line holds at most this many word tokens.
HEADING_TOKENS = 8


def _heading_countries(s: Sentence, text: str) -> list[str] | None:
    """The host countries a heading line names ('Spanje', 'Irland: Schließung nach wenigen
    Tagen': those before its colon), or None when ``s`` is no heading: a short line of its own
    without sentence punctuation at its end."""
    line = text[s.start:s.end].strip()
    before, after = text[:s.start].rstrip(" \t"), text[s.end:].lstrip(" \t")
    if not line or "\n" in line or (before and not before.endswith("\n")) or \
            (after and not after.startswith("\n")):
        return None
    if line[-1] in ".!;,\u3002" or count_between(text, s.start, s.end) > HEADING_TOKENS:
        return None
    if script_of(text, s.start) != "spaced" and len(line) > 16:
        return None
    colon = min((i for i in (text.find(":", s.start, s.end), text.find("\uff1a", s.start, s.end))
                 if i >= 0), default=s.end)
    return place_countries([m for m in s.matches if m.start < colon])


def _host_responses(r: Reading, last_actions: list[str] | None = None) -> list[Found]:
    """Host responses of one sentence; ``last_actions`` are the actions of the last host
    response before it, which 'did the same' repeats."""
    out: list[Found] = []
    s = r.s
    sentence_actions = {a.pattern.key for a in r.kinds("action") if not r.negated(a)}
    demand = _host_demand(r)
    for i, _clause in enumerate(r.clauses):
        actor = r.clause_actor[i]
        host = actor is not None and actor.side == "host"
        if host and last_actions and not sentence_actions and \
                any(not r.negated(m) for m in r.kinds("same", i)):
            # 'A Irlanda fez o mesmo', 'Ireland followed suit': the last response, repeated.
            out.extend(Found(c, a, s) for a in last_actions for c in r.host_countries(actor, i))
        for a in r.kinds("action", i):
            if r.negated(a):  # every action key names a domain action (vocab checks it)
                continue
            if not host and a.pattern.key == "closure" and demand is not None:
                # A closure reported as the outcome of a host authority's order, demand or
                # démarche ('China closed them after Czech diplomats raised the issue').
                out.extend(Found(c, "closure", s) for c in r.host_countries(demand, i))
            elif host:
                out.extend(Found(c, a.pattern.key or "", s)
                           for c in r.host_countries(actor, i))
                # 'Spain's interior ministry, Portugal's prosecutors and Italian police have
                # looked into...': each subject of a list acts.
                for j, co in r.co_subjects(i):
                    out.extend(Found(c, a.pattern.key or "", s) for c in r.host_countries(co, j))
            elif a.pattern.key in _implied_authority() and (
                    actor is None or actor.clause != i or r.hearsay(a)) and \
                    not r.in_china(i):
                # Only authorities arrest, charge and convict ('two men were arrested in Los
                # Angeles', '... who ran it for China's ministry were arrested'); not where
                # the clause places it in China ('to face charges in China').
                named = place_countries([m for m in r.matches if r.clauses[i].holds(m)]) or \
                    sentence_countries(r.full) or ([r.primary] if r.primary else [])
                out.extend(Found(c, a.pattern.key or "", s) for c in named)
        if not host:
            continue
        # Speaking, or rejecting the reports ('the ministry rejects this'), is a statement;
        # words addressed to the Chinese side ('told the Chinese embassy that...') are a
        # demand made in private, not a public statement.
        spoke = any(not r.negated(m) and not r.hearsay(m) and not _addressed_to_china(r, m)
                    for m in r.kinds("speech", i)) or \
            any(not r.negated(m) for m in r.kinds("denial", i)) or \
            (any(not r.negated(m) for m in r.kinds("request", i)) and not sentence_actions) or \
            _headline_attribution(actor, r)
        if spoke:
            out.extend(Found(c, "statement", s) for c in r.host_countries(actor, i))
    return out


def _host_demand(r: Reading) -> Actor | None:
    """The host actor of a request in the sentence ('asked the embassy to close it', 'raised
    the issue with Beijing', 閉鎖を中国大使館に求め, 'told the Chinese embassy they must not
    operate'), if any."""
    told = [m for m in r.kinds("speech") if _addressed_to_china(r, m)]
    for m in r.kinds("request") + told:
        actor = r.clause_actor[clause_of(m, r.clauses)]
        if actor is not None and actor.side == "host" and not r.negated(m):
            return actor
    return None


#: How many word tokens may stand between a verb of speech and the Chinese party it addresses
#: ('told | the Chinese | embassy', 'informed | China's | ambassador').
ADDRESSEE_REACH = 2


def _addressed_to_china(r: Reading, m: Match) -> bool:
    """A verb of speech whose object is the Chinese side ('told the Chinese embassy', 'informed
    Beijing'): spaced scripts only, where the addressee follows the verb."""
    if script_of(r.text, m.start) != "spaced" or \
            fold_term(r.text[m.start:m.end]) not in _telling(r.lang):
        return False  # 'said the embassy had closed it': the embassy is no addressee
    # (A reporting verb ends its clause, so the addressee stands in the next one: no
    # punctuation may come between.)
    # A Chinese official a few words on ('told the Chinese embassy'); a bare China word only
    # right after the verb ('told China'), else it qualifies something else ('says it knows
    # nothing of Chinese police activity').
    return any(c.start >= m.end and not re.search(r"[,;:.!?]", r.text[m.end:c.start])
               and count_between(r.text, m.end, c.start) <= reach
               for kind, reach in (("cn_official", ADDRESSEE_REACH), ("china", 0))
               for c in r.kinds(kind))


def _headline_attribution(actor: Actor | None, r: Reading) -> bool:
    """'Bundesregierung: ...' - an authority followed by a colon is quoted."""
    return actor is not None and r.text[actor.match.end:actor.match.end + 2].lstrip() \
        .startswith(":")


def _denials(r: Reading, primary: str | None, single: bool,
             voice: list[str] | None = None) -> list[Found]:
    """``voice``: not None when the sentence speaks in a Chinese official's voice without
    naming one (an answer of a Chinese press conference, the next sentence of a Chinese
    speaker's statement); it holds the host countries its question named."""
    speakers = [a for a in r.actors if a.side == "china"]
    if not speakers and voice is None:
        return []
    said = False
    for i, _clause in enumerate(r.clauses):
        actor = r.clause_actor[i]
        if (actor is None and voice is None) or (actor is not None and actor.side != "china"):
            continue  # only a Chinese speaker's words deny
        if any(not r.negated(d) for d in r.kinds("denial", i)) or _denies_existence(r, i):
            said = True
            break
    if not said:
        return []
    named = sentence_countries(r.full) or (voice or [])
    if named:
        return [Found(c, "denial", r.s) for c in named]
    generic = any(r.own_function_word(g) for g in r.kinds("generic"))
    embassy = bool(r.kinds("embassy"))
    if primary is not None and (embassy or (single and not generic)):
        return [Found(primary, "denial", r.s)]
    return [Found("CN", "denial", r.s)]


def _denies_existence(r: Reading, i: int) -> bool:
    """'there are no Chinese police stations', 'gebe es keine Polizeistationen', 根本不存在."""
    terms = r.kinds("strong", i) + r.kinds("weak", i)
    hedges = word_set("hedges", r.lang)
    negators = [n for n in r.kinds("neg_before", i) + r.kinds("negation", i)
                if fold_term(r.text[n.start:n.end]) not in hedges  # not 'whether any'
                and (n.pattern.kind == "negation" or r.own_function_word(n))]
    for t in terms:
        reach = EXISTENCE_REACH[script_of(r.text, t.start)]
        if any(n.end <= t.start and count_between(r.text, n.end, t.start) <= reach
               for n in negators):
            return True
    return False


@cache
def _telling(lang: str | None) -> frozenset[str]:
    return word_set("telling", lang)


@cache
def _implied_authority() -> set[str | None]:
    return set(actions_data()["implied_authority_actions"])


def rank_countries(stations: list[dict[str, Any]]) -> list[str]:
    counts = Counter({st["country"]: len(st["evidence"]) for st in stations})
    return [c for c, _ in counts.most_common()]


__all__ = ["Found", "Match", "find_responses", "near", "rank_countries", "sentence_countries"]
