"""The reading of one sentence for responses: its clauses, each clause's actor, polarity and
the countries an actor acts for.

A clause's actor is the authority, Chinese official or other speaker that governs its verb: the
last one before the verb, else the first after it when it is a passive's agent or a reporting
verb's speaker ('under investigation by the police', '..., said the minister'); a clause with
none takes the actor of the clause before it, a relative clause its antecedent ('Denmark, which
closed...'), a sentence opened by a pronoun the last sentence's host authority. An actor in the
passive ('the Embassy was told') or after its verb is acted upon. A negator reaches to the end
of its clause, never across it.

The country of a host actor is its own (a national body, an acting country), else the host
places of its clause, of the verb's clause, another host actor's own country, the sentence's
places, else the document's main host country ('Investigators searched the premises', 警方).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..text import fold_term
from . import lemmas
from .clauses import TOKEN, Clause, actions_data, attribution_words, clause_of, count_between, split
from .matcher import Match, is_spaced_script
from .sentences import Sentence

#: How far a negator before a verb reaches within its clause (word tokens; CJK characters).
NEGATOR_REACH = {"spaced": 6, "cjk": 8}
#: How far after the verb a Japanese or Korean negation may follow.
NEGATOR_AFTER_REACH = {"spaced": 2, "cjk": 8}
#: How close 'Chinese' or a bureau must stand to an authority word to make it Chinese
#: ('Chinese police', 'la police de Wenzhou'): characters in spaced scripts, in CJK ones.
CHINESE_ACTOR_WINDOW = {"spaced": 16, "cjk": 2}
#: 'China has denied': a China cue this close before its verb speaks (tokens; CJK characters).
CHINA_SPEAKER_REACH = {"spaced": 2, "cjk": 3}
PLACE_KINDS = {"country", "city", "region", "demonym"}
VERB_KINDS = {"action", "speech", "denial", "request", "same"}
ACTOR_KINDS = {"authority", "authority_weak", "other_actor", "cn_official"}
#: 'governments in China', 'la police de Chine', 'Polizei in China': the authority is China's.
#: ... and 'a spokesperson for China's foreign ministry', 'un portavoce del governo cinese'.
_OF_PLACE = re.compile(r"^\s+(?:in|of|for|at|de|di|du|des|del|della|dello|degli|dei|van|aus|der"
                       r"|da|do|em|w|v|ve|i|en)\s+(?:(?:the|la|le|il|lo|el|het|de|die|der|des)\s+)?$",
                       re.IGNORECASE)
_IN_PLACE = re.compile(r"\b(?:in|to|en|nach|naar|a|w|v|na|em|au|dans)\s+$", re.IGNORECASE)
#: Languages whose main clause puts its verb second, its subject after it when another part
#: opens the clause ('Im März erklärte die RCMP'), and how many words (an article, an
#: adjective) may stand between the verb and that subject.
V2_LANGUAGES = frozenset({"de", "nl", "sv", "da", "no", "nb", "lb", "af"})
V2_SUBJECT_GAP = 2
#: Words allowed before a country that opens a clause ('The Netherlands', 'La France').
SUBJECT_LEAD = 1


@dataclass
class Actor:
    side: str  # 'host', 'china' or 'other'
    match: Match
    countries: list[str] = field(default_factory=list)  # named by the actor itself
    clause: int = 0


def script_of(text: str, at: int) -> str:
    return "spaced" if is_spaced_script(text[at]) else "cjk"


def _inside(m: Match, spans: list[Match]) -> bool:
    return any(o.start <= m.start and m.end <= o.end and o is not m for o in spans)


def near(a: Match, b: Match, text: str) -> bool:
    """Two matches close enough to read as one phrase, by the script of the first."""
    gap = a.start - b.end if b.end <= a.start else b.start - a.end
    return 0 <= gap <= CHINESE_ACTOR_WINDOW[script_of(text, a.start)]


def sentence_countries(s: Sentence) -> list[str]:
    return place_countries(s.matches)


def place_countries(matches: list[Match]) -> list[str]:
    codes = [m.pattern.country for m in matches
             if m.pattern.kind in PLACE_KINDS or (m.pattern.kind == "authority"
                                                  and m.pattern.country)]
    return [c for c in dict.fromkeys(codes) if c and c != "CN"]


class Reading:
    """One sentence: its matches (with the lemma matches added), clauses and actors."""

    def __init__(self, s: Sentence, text: str, lang: str | None, primary: str | None,
                 carried: Actor | None = None):
        self.s, self.text = s, text
        extra = lemmas.find(text, s.start, s.end, lang, s.matches)
        matches = s.matches + extra
        # 'Investigat' in 'Investigators' is the actor's name, not its verb.
        actors = [m for m in matches if m.pattern.kind in ACTOR_KINDS]
        self.matches = sorted((m for m in matches if m.pattern.kind not in VERB_KINDS
                               or not _inside(m, actors)), key=lambda m: m.start)
        self.full = Sentence(s.start, s.end, self.matches)
        self.clauses = split(self.full, text, lang)
        self.primary = primary
        self.lang = lang
        self.carried = carried
        self.actors = self._actors()
        self.clause_actor = self._clause_actors()

    def kinds(self, kind: str, clause: int | None = None) -> list[Match]:
        out = [m for m in self.matches if m.pattern.kind == kind]
        if clause is not None:
            c = self.clauses[clause]
            out = [m for m in out if c.holds(m)]
        return out

    # -- actors -------------------------------------------------------------------------
    def _actors(self) -> list[Actor]:
        text = self.text
        chinese = self.kinds("cn_official")
        terms = self.kinds("strong") + self.kinds("weak")
        china, bureaus = self.kinds("china"), self.kinds("bureau")
        verbs = [m for m in self.matches if m.pattern.kind in VERB_KINDS]
        out: list[Actor] = []
        for c in chinese:
            # 'the Fuzhou police service station' names a station, not a speaker.
            named = any(c.start < x.end and x.start < c.end for x in terms)
            if not self._acted_upon(c) and not named:
                out.append(Actor("china", c))
        for c in china:
            if self._acted_upon(c):
                continue
            # 'China has denied', 'Beijing rejects', '中国否认': a China cue as subject.
            if _inside(c, terms) or _inside(c, chinese):
                continue
            # 'l'ingérence chinoise en affirmant', 'la policía china': a China word in lower case
            # is an adjective of another noun, never the speaker.
            if script_of(text, c.start) == "spaced" and text[c.start:c.start + 1].islower():
                continue
            # 'la policía china investiga': an adjective after its noun is not a subject.
            nouns = self.kinds("police") + self.kinds("authority") + self.kinds("authority_weak")
            if script_of(text, c.start) == "spaced" and any(
                    n.end <= c.start and count_between(text, n.end, c.start) == 0 for n in nouns):
                continue
            reach = CHINA_SPEAKER_REACH[script_of(text, c.start)]
            if any(v.start >= c.end and count_between(text, c.end, v.start) <= reach
                   and clause_of(v, self.clauses) == clause_of(c, self.clauses) for v in verbs):
                out.append(Actor("china", c))
        for b in bureaus:
            # '<bureau> police', but not '福州警察海外サービスステーション', a station's name.
            police = [p for p in self.kinds("police") if near(b, p, text)]
            if police and not any(_inside(p, terms) or 0 <= t.start - p.end <= 2
                                  for p in police for t in terms):
                out.append(Actor("china", b))
        sentence_hosts = bool(sentence_countries(self.full))
        for a in self.kinds("authority") + self.kinds("authority_weak"):
            # 'police' in 'police service station' names the station, not an authority.
            # ... nor 'Ministry' in 'the Ministry of Public Security', a Chinese bureau.
            if _inside(a, chinese) or _inside(a, terms) or _inside(a, bureaus):
                continue
            # 'Chinese police', 'Fuzhou police', 'la police de Wenzhou' are the other side; but
            # 'the Dutch ministry summoned China's ambassador' is not: 'Chinese' counts only
            # before the authority word, a bureau on either side.
            if any(c.end <= a.start and near(a, c, text) for c in china) or \
                    any(near(a, b, text) for b in bureaus) or \
                    any(_OF_PLACE.match(text[a.end:c.start]) for c in china + chinese
                        if c.start >= a.end):
                continue  # ... or 'local governments in China'
            if a.pattern.kind == "authority_weak" and not self._weak_is_host(a, sentence_hosts):
                continue
            own = [a.pattern.country] if a.pattern.country else []
            out.append(Actor("host", a, own))
        for c in self._acting_countries(verbs):
            out.append(Actor("host", c, [c.pattern.country or ""]))
        for o in self.kinds("other_actor"):
            if not any(_inside(o, [x.match]) for x in out) and not self._acted_upon(o):
                out.append(Actor("other", o))
        for actor in out:
            actor.clause = clause_of(actor.match, self.clauses)
        out.sort(key=lambda x: x.match.start)
        return out

    def _acted_upon(self, c: Match) -> bool:
        """'the Embassy was told...', '被要求', '中国側に通告': the object of the verb."""
        after = self.text[c.end:c.end + 24]
        if not is_spaced_script(self.text[c.end - 1]):
            return after.lstrip()[:1] in _passive(self.lang) or \
                after.lstrip()[:2] in _passive(self.lang)
        words = [w.lower() for w in TOKEN.findall(after)[:3]]
        if words and words[0] in {"has", "have", "had"}:
            words = words[1:]
        # 'were arrested', not 'were investigating'.
        return len(words) > 1 and words[0] in _passive(self.lang) and \
            not words[1].endswith("ing")

    def _weak_is_host(self, a: Match, sentence_hosts: bool) -> bool:
        """'police', 'officials', 警方 are the host's beside a host place, or, with no Chinese
        cue in their clause, the document's main host country's ('Investigators searched...')."""
        if sentence_hosts:
            return True
        i = clause_of(a, self.clauses)
        cues = self.kinds("china", i) + self.kinds("cn_official", i) + self.kinds("bureau", i)
        # A Chinese cue before it or beside it makes it Chinese; one further on qualifies
        # something else ('closed the Chinese police post').
        return self.primary is not None and not any(
            c.end <= a.start or near(a, c, self.text) for c in cues)

    def _acting_countries(self, verbs: list[Match]) -> list[Match]:
        """A country that opens its clause and is followed by its verb is the clause's subject:
        'Ireland ordered...', 'Hollandia elrendelte...', 'スウェーデンが閉鎖を命じた'. An
        adjective made of it ('hollandiai') is not."""
        out = []
        for c in self.kinds("country"):
            i = clause_of(c, self.clauses)
            clause = self.clauses[i]
            lead = self.text[clause.start:c.start].strip(" ,;:\u3001\uff0c")
            words = [w.lower() for w in TOKEN.findall(lead)]
            if any(w in _agents(self.lang) for w in words[-2:]):
                out.append(c)  # 'a decision by the Netherlands to order the closure'
                continue
            if script_of(self.text, c.start) == "spaced":
                if count_between(self.text, clause.start, c.start) > SUBJECT_LEAD:
                    continue
                if c.end < len(self.text) and self.text[c.end].isalnum():
                    continue
            elif len(lead) > 1:
                continue
            if any(v.start >= c.end and clause.holds(v) for v in verbs) or \
                    self._subject_of_next_verb(c, i, lead, verbs):
                out.append(c)
        return out

    def _subject_of_next_verb(self, c: Match, i: int, lead: str, verbs: list[Match]) -> bool:
        """'Os Países Baixos convocaram o embaixador | e mandaram fechar...': a country that
        opens a clause with no verb of ours (its own verb is unknown to the vocabulary) is the
        subject of the next verb, in a following clause with no subject of its own in
        between; not after a preposition ('In Spain, | ...')."""
        if any(v.start >= c.end and self.clauses[i].holds(v) for v in verbs) or \
                (lead and _IN_PLACE.search(lead + " ")) or \
                script_of(self.text, c.start) != "spaced":
            return False
        later = [v for v in verbs if v.start >= self.clauses[i].end]
        if not later:
            return False
        nxt = later[0]
        if re.search(r"[:\uff1a|\n]", self.text[c.end:nxt.start]):
            return False  # a heading ('Irland: Schließung nach wenigen Tagen')
        # Another subject opening a clause in between takes the verb.
        blockers = ACTOR_KINDS | {"country", "china"}
        return not any(m.pattern.kind in blockers and c.end <= m.start < nxt.start
                       and count_between(self.text, self.clauses[clause_of(m, self.clauses)]
                                         .start, m.start) <= SUBJECT_LEAD
                       for m in self.matches)

    def _clause_actors(self) -> list[Actor | None]:
        """The actor of each clause: its own, else its antecedent's (relative clause), else the
        previous clause's."""
        out: list[Actor | None] = []
        row = self._row_heading()
        for i, clause in enumerate(self.clauses):
            own = [a for a in self.actors if a.clause == i]
            actor = self._governing(own, i)
            cell = row is not None and self._opens_cell(clause)
            if actor is None and cell:
                # A table cell holds its own subject, or none but its row's host country
                # ('| Austria | Wien | Qingtian police | Interior ministry following up |').
                actor = row
            if actor is None and clause.relative and i:
                actor = self._antecedent(i - 1, out[-1])
            if actor is None and i and not cell and not self._new_place(clause, out[-1]):
                actor = out[-1]
            if actor is None and self._has_pronoun(clause):
                # 'He says he summoned...', '..., sagte er': the last sentence's speaker.
                actor = self.carried
            out.append(actor)
        return out

    def _row_heading(self) -> Actor | None:
        """A table row's first cell when it names one host country ('| Spain | ...')."""
        line = self.text[self.s.start:self.s.end]
        if not line.lstrip().startswith("|"):
            return None
        first = self.s.start + line.index("|") + 1
        bar = self.text.find("|", first, self.s.end)
        if bar < 0:
            return None
        named = [m for m in self.matches if m.pattern.kind == "country" and first <= m.start < bar
                 and m.pattern.country and m.pattern.country != "CN"]
        codes = {m.pattern.country for m in named}
        if len(codes) != 1:
            return None
        return Actor("host", named[0], [named[0].pattern.country or ""], -1)

    def _opens_cell(self, clause: Clause) -> bool:
        """The clause begins a table cell (only a bar and spaces before its first word)."""
        lead = self.text[clause.start:clause.end]
        lead = lead[:len(lead) - len(lead.lstrip(" |-\t"))]
        return "|" in lead or self.text[clause.start - 1:clause.start] == "|"

    def _new_place(self, clause: Clause, actor: Actor | None) -> bool:
        """A clause naming another host country than its would-be actor's starts a new
        subject ('Austria closed it, while in Slovakia two were arrested')."""
        if actor is None or actor.side != "host":
            return False
        named = place_countries([m for m in self.matches if clause.holds(m)])
        mine = self.host_countries(actor, actor.clause) if actor.clause >= 0 else actor.countries
        return bool(named) and not set(named) & set(mine)

    def _has_pronoun(self, clause: Clause) -> bool:
        """A subject pronoun opening the clause, or right after its reporting verb."""
        words = [w.lower() for w in TOKEN.findall(self.text[clause.start:clause.end])]
        if any(w in _pronouns(self.lang) for w in words[:2]):
            return True
        for sp in self.kinds("speech"):
            if clause.holds(sp):
                after = TOKEN.findall(self.text[sp.end:clause.end])[:1]
                if after and after[0].lower() in _pronouns(self.lang):
                    return True
        return False

    def opens_with_pronoun(self) -> bool:
        """The sentence's first clause has a subject pronoun ('It added...', 'Elle dénonce')."""
        return bool(self.clauses) and self._has_pronoun(self.clauses[0])

    def last_host(self) -> Actor | None:
        """The last host actor of the sentence, with its countries resolved here, for a
        pronoun in the next sentence."""
        hosts = [a for a in self.clause_actor if a is not None and a.side == "host"]
        if not hosts:
            return None
        a = hosts[-1]
        own = self.host_countries(a, a.clause) if a.clause >= 0 else a.countries
        return Actor("host", a.match, own, -1)

    def _governing(self, own: list[Actor], i: int) -> Actor | None:
        if not own:
            return None
        verbs = [m for m in self.matches if m.pattern.kind in VERB_KINDS
                 and self.clauses[i].holds(m)]
        if not verbs:
            # A clause with no verb names its actor only before the sentence's first verb
            # ('The Minister, Simon Coveney, said'); later it is the object of the verb
            # before it ('summoned | the Chinese ambassador').
            earlier = any(m.pattern.kind in VERB_KINDS and m.start < self.clauses[i].start
                          for m in self.matches)
            if self.lang in PARTICLE_LANGUAGES:
                own = [a for a in own if self._particle_role(a.match) != "object"]
            return None if earlier or not own else own[0]
        first = verbs[0].start
        before = [a for a in own if a.match.end <= first]
        if self.lang in PARTICLE_LANGUAGES:
            # '福州警察...の閉鎖を中国大使館に求め': in Japanese and Korean the particle, not the
            # order, says which noun is the subject; a marked object or modifier is none.
            roles = [self._particle_role(a.match) for a in before]
            marked = [a for a, r in zip(before, roles, strict=True) if r == "subject"]
            before = marked or [a for a, r in zip(before, roles, strict=True) if r is None]
        if before:
            # A host authority in the subject wins over a Chinese word inside it.
            hosts = [a for a in before if a.side == "host"]
            return hosts[-1] if hosts and before[-1].side == "china" and \
                self._modifies(before[-1], hosts[-1]) else before[-1]
        # After its verb an actor is its object ('ordered the embassy to close'), unless it
        # is a passive's agent ('by the police') or a reporting verb's speaker ('said the
        # minister'), or the subject a verb-second language puts right after its verb when
        # something else opens the clause ('Im März erklärte die RCMP', 'Daarna sloot de
        # politie'); never in Japanese and Korean, whose verbs come last.
        for a in own:
            if not is_spaced_script(self.text[a.match.start]):
                continue
            if self.lang in V2_LANGUAGES and a is own[0] and a.match.start > first and \
                    count_between(self.text, verbs[0].end, a.match.start) <= V2_SUBJECT_GAP \
                    and count_between(self.text, self.clauses[i].start, first) > 0:
                return a
            lead = [w.lower() for w in TOKEN.findall(self.text[first:a.match.start])]
            agent = any(w in _agents(self.lang) for w in lead[-3:])
            speech = verbs[0].pattern.kind == "speech" and \
                count_between(self.text, self.clauses[i].start, first) == 0
            # 'podle ministerstva', 'according to the ministry': the source named after it.
            source = any(v.pattern.kind == "speech" and v.end <= a.match.start
                         and count_between(self.text, v.end, a.match.start) <= 1
                         and fold_term(self.text[v.start:v.end]) in attribution_words(self.lang)
                         for v in verbs)
            if agent or speech or source:
                return a
        return None

    def _particle_role(self, m: Match) -> str | None:
        """Japanese or Korean: 'subject' when the particle after ``m``'s noun phrase marks the
        topic or subject (外務省は, 외교부는; 'according to' too: 警察によると), 'object' when it
        marks an object, complement or modifier (大使館に, 福州警察...の, 대사관의), None when
        the noun stands bare (a headline, a list)."""
        text, end = self.text, m.end
        if self.lang == "ko":
            stop = end
            while stop < len(text) and _HANGUL.match(text[stop]):
                stop += 1
            ending = text[end:stop]
            rest = text[stop:stop + 8].lstrip()
        else:
            stop = end
            while stop < len(text) and _JA_NOUN.match(text[stop]):
                stop += 1
            ending = ""
            rest = text[stop:stop + 8]
        if any(rest.startswith(w) or (ending + rest).startswith(w)
               for w in attribution_words(self.lang)) or \
                any(text[stop:stop + 6].startswith(w) for w in ("によると", "によれば")):
            return "subject"
        probe = ending if self.lang == "ko" else rest
        if not probe:
            return None
        subject, obj = _particles("subject_particles", self.lang), \
            _particles("object_particles", self.lang)
        hit = max((w for w in subject | obj
                   if (probe.endswith(w) if self.lang == "ko" else probe.startswith(w))),
                  key=len, default=None)
        if hit is None:
            return None
        if hit in GENITIVES:
            # 'カナダ連邦警察の...報道官は', '경찰청의 대변인은': the owner of the subject speaks
            # through it; '...の閉鎖を' is a modifier.
            return self._particle_role_after(stop + (0 if self.lang == "ko" else len(hit)))
        return "subject" if hit in subject else "object"

    def _particle_role_after(self, pos: int) -> str:
        """The role of the noun phrase that starts at ``pos`` (after a genitive)."""
        text = self.text
        if self.lang == "ko":
            pos = len(text) - len(text[pos:].lstrip())
            stop = pos
            while stop < len(text) and _HANGUL.match(text[stop]):
                stop += 1
            probe, ends = text[pos:stop], True
        else:
            stop = pos
            while stop < len(text) and (_JA_NOUN.match(text[stop]) or text[stop] == "\u30fb"):
                stop += 1
            probe, ends = text[stop:stop + 4], False
        subject = _particles("subject_particles", self.lang)
        marked = any((probe.endswith(w) if ends else probe.startswith(w)) for w in subject)
        return "subject" if marked and stop > pos else "object"

    def co_subjects(self, i: int) -> list[tuple[int, Actor]]:
        """Host actors of the verbless clauses just before clause ``i`` that open the sentence
        ahead of any verb: the other members of a list of subjects ('Spain's ministry, |
        Portugal's prosecutors | and Italian police have looked into...')."""
        actor = self.clause_actor[i]
        if actor is None or actor.clause != i or i == 0:
            return []
        verbs = [m.start for m in self.matches if m.pattern.kind in VERB_KINDS]
        if any(v < self.clauses[i].start for v in verbs):
            return []
        out: list[tuple[int, Actor]] = []
        for j in range(i - 1, -1, -1):
            own = [a for a in self.actors if a.clause == j and a.side == "host"]
            if not own or any(a.clause == j and a.side != "host" for a in self.actors):
                break
            out.append((j, own[-1]))
        return out

    def _modifies(self, chinese: Actor, host: Actor) -> bool:
        """'the Dutch minister for relations with China said': the Chinese word is only
        a complement of the host actor's phrase (it follows it closely)."""
        return chinese.match.start > host.match.end and \
            count_between(self.text, host.match.end, chinese.match.start) <= 4

    def _antecedent(self, i: int, before: Actor | None) -> Actor | None:
        """The actor or host country just before the relative pronoun that opens clause
        ``i + 1`` ('Denmark, which closed...', 'the ministry, which said...'); a
        complementiser after a verb ('informed the Embassy that...') takes none."""
        c, nxt = self.clauses[i], self.clauses[i + 1]
        verbs = [m.start for m in self.matches if m.pattern.kind in VERB_KINDS and c.holds(m)]
        # A Chinese official after the verb is its object ('informed the Embassy that...').
        # ... or the object of a host actor's verb ('told | the Chinese embassy | that').
        host_before = before is not None and before.side == "host"
        candidates = [Actor(a.side, a.match, a.countries, i) for a in self.actors
                      if a.clause == i and not (a.side == "china" and (
                          host_before or (verbs and verbs[0] < a.match.start)))]
        candidates += [Actor("host", m, [m.pattern.country or ""], i) for m in self.matches
                       if c.holds(m) and m.pattern.kind == "country" and m.pattern.country != "CN"]
        close = [a for a in candidates if count_between(self.text, a.match.end, nxt.start) <= 0]
        return max(close, key=lambda a: a.match.end) if close else None

    # -- polarity ---------------------------------------------------------------------
    def negated(self, m: Match) -> bool:
        i = clause_of(m, self.clauses)
        script = script_of(self.text, m.start)
        for n in self.kinds("neg_before", i):
            if n.end <= m.start and count_between(self.text, n.end, m.start) <= \
                    NEGATOR_REACH[script] and self.own_function_word(n) and \
                    not self._restricts(n):
                return True
        return any(n.start >= m.end and count_between(self.text, m.end, n.start) <=
                   NEGATOR_AFTER_REACH[script] and self.own_function_word(n)
                   for n in self.kinds("neg_after", i))

    def _restricts(self, n: Match) -> bool:
        """'Nicht nur', 'not only', 'non solo': the negator restricts the next word."""
        nxt = TOKEN.findall(self.text[n.end:n.end + 24])[:1]
        return bool(nxt) and fold_term(nxt[0]) in _not_only(self.lang)

    def own_function_word(self, n: Match) -> bool:
        """A negator, hedge or generic word counts only in its own language's words, not as a
        word of another list the automaton reads everywhere (English 'no' is Portuguese 'in
        the'), nor as an enclitic after a hyphen ('confirma-se a' is no hedge 'se a')."""
        if n.start > 0 and self.text[n.start - 1] in "-‐‑" and n.start > 1 and \
                self.text[n.start - 2].isalpha():
            return False
        own = function_words(n.pattern.kind, self.lang)
        if own is None:
            return True
        word = fold_term(self.text[n.start:n.end])
        return word in own[0] or any(word.startswith(s) for s in own[1])

    def in_china(self, i: int) -> bool:
        """'to face charges in China', 'arrested in Beijing': the clause places it in China."""
        return any(_IN_PLACE.search(self.text[max(0, c.start - 6):c.start])
                   for c in self.kinds("china", i) + self.kinds("cn_official", i))

    def hearsay(self, m: Match) -> bool:
        """'were said to host', 'is reported': a passive of speech reports no one speaking;
        'were arrested': a passive action names its patient, not its agent."""
        if fold_term(self.text[m.start:m.end]) in attribution_words(self.lang):
            return False  # 'Nederland is volgens het ministerie...'
        words = [w.lower() for w in TOKEN.findall(self.text[max(0, m.start - 30):m.start])]
        if not (words and words[-1] in _passive(self.lang)
                and script_of(self.text, m.start) == "spaced"):
            return False
        # '... confirmada pela Procuradoria': a passive with its agent named is speech.
        c = self.clauses[clause_of(m, self.clauses)]
        after = [w.lower() for w in TOKEN.findall(self.text[m.end:c.end])]
        return not any(w in _agents(self.lang) for w in after[:6])

    # -- countries ----------------------------------------------------------------------
    def host_countries(self, actor: Actor | None, verb_clause: int) -> list[str]:
        if actor is not None and any(c and c != "CN" for c in actor.countries):
            return [c for c in actor.countries if c and c != "CN"]
        for i in ([actor.clause] if actor is not None and actor.clause >= 0 else []) + \
                [verb_clause]:
            c = self.clauses[i]
            named = place_countries([m for m in self.matches if c.holds(m)])
            if named:
                return named
        # '..., in Auckland, New Zealand, | where several agencies examined the claim': a
        # relative clause acts where its antecedent clause is.
        if verb_clause > 0 and self.clauses[verb_clause].relative:
            before = self.clauses[verb_clause - 1]
            named = place_countries([m for m in self.matches if before.holds(m)])
            if named:
                return named
        # 'Garda ... said detectives were looking into it': another host actor's own country.
        national = [c for a in self.actors if a.side == "host" for c in a.countries
                    if c and c != "CN"]
        if national:
            return list(dict.fromkeys(national))
        return sentence_countries(self.full) or ([self.primary] if self.primary else [])


#: Languages whose case particles mark the subject (Reading._particle_role).
PARTICLE_LANGUAGES = frozenset({"ja", "ko"})
GENITIVES = frozenset({"の", "의"})
_HANGUL = re.compile("[\uac00-\ud7a3]")
#: Characters that continue a Japanese noun phrase: Han, katakana, the long-vowel mark, closing
#: brackets ('「福州警察海外サービスステーション」の').
_JA_NOUN = re.compile("[\u4e00-\u9fff\u30a0-\u30ff\u30fc\u300d\u300f\uff09]")


@cache
def _particles(section: str, lang: str | None) -> frozenset[str]:
    return frozenset(actions_data()[section].get(lang or "", []))


@cache
def _passive(lang: str | None) -> frozenset[str]:
    return word_set("passive_auxiliaries", lang)


@cache
def _not_only(lang: str | None) -> frozenset[str]:
    return word_set("not_only", lang)


@cache
def _pronouns(lang: str | None) -> frozenset[str]:
    return word_set("subject_pronouns", lang)


@cache
def _agents(lang: str | None) -> frozenset[str]:
    return word_set("agent_markers", lang)


#: The actions.yaml sections of each function-word kind (their scoped_ twins too).
FUNCTION_SECTIONS = {"neg_before": ("negators_before", "hedges"), "neg_after": ("negators_after",),
                     "generic": ("generic_reference",)}


@cache
def function_words(kind: str, lang: str | None
                   ) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """(words, stems) of ``kind`` in ``lang``'s own lists, folded; None when ``lang`` has none
    of that kind (undetermined text, or a language whose negation stands elsewhere)."""
    data = actions_data()
    words: list[str] = []
    for section in FUNCTION_SECTIONS.get(kind, ()):
        for name in (section, f"scoped_{section}"):
            words += data.get(name, {}).get(lang or "", [])
    if not words:
        return None
    folded = [fold_term(w).strip() for w in words]
    return (frozenset(w for w in folded if not w.endswith("*")),
            tuple(w[:-1] for w in folded if w.endswith("*")))


def word_set(section: str, lang: str | None) -> frozenset[str]:
    by_lang = actions_data()[section]
    langs = [lang] if lang in by_lang else list(by_lang)
    return frozenset(fold_term(w) for code in langs for w in by_lang[code])
