"""A station's lifecycle as its host government's actions set it, and which stations an action
concerns.

A response (investigation, closure order, closure, arrest, charge, conviction) moves the
stations it concerns along the lifecycle, never back. It concerns the stations whose place its
words name (city, region, district, or the place label of a country-level row); the whole
country only when the words say so ("all", "both stations", "every"); the one station of a
country that has only one. Anything else is left for a reviewer to link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from . import model
from .text import fold

#: The lifecycle status a host-government action moves a station to (domain.yaml's moves_to).
ACTION_STATUS = {a.key: a.moves_to for a in model.ACTIONS if a.moves_to}
#: Lifecycle status -> the station's date field for reaching it (domain.yaml's date).
STATUS_DATE = {s.key: s.date_field for s in model.STATUSES}
ORDER = model.STATUSES.keys()
#: Words saying an action concerns every station of the country, or a given number of them
#: (English: the reference files' summaries and the review form; other languages name places).
_COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_WHOLE_COUNTRY = re.compile(
    r"\b(?:all|every|each of|both|the)\b(?:\s+(?:the|its|of the))?(?:\s+[\w-]+){0,2}?\s+"
    r"(?:stations|sites|offices|bureaus)\b")
#: Label words that describe a site rather than name a place ('second reported site').
_NOT_A_PLACE = re.compile(r"\d|\b(?:site|sites|not|unknown|location|fixed|reported|approx)\b")
#: Words saying an action is about something else than a station (a case, another offence).
_UNRELATED = re.compile(r"\bnot (?:a|the) (?:police[- ])?station\b"
                        r"|\bdo(?:es)? not concern (?:the )?(?:police[- ])?station")


@dataclass(frozen=True)
class Place:
    """What identifies one station in text: its key and the names its place goes by."""

    key: str
    country: str
    names: tuple[str, ...]
    #: The station's city (and region): named alone, they point at every station there.
    general: tuple[str, ...] = ()
    reported: date | None = None


def later(a: str, b: str) -> str:
    """The later of two lifecycle statuses."""
    return a if ORDER.index(a) >= ORDER.index(b) else b


def place_names(city: str, region: str, label: str) -> tuple[str, ...]:
    """Names a text may use for a station: its city and region and the place words of its
    label ('London (Croydon)' -> London, Croydon; 'New York (Manhattan, Chinatown)')."""
    names = {n for n in (city, region) if n}
    for part in re.split(r"[(),;]", label):
        part = part.strip()
        if part and len(part) <= 40 and not _NOT_A_PLACE.search(fold(part)):
            names.add(part)
    return tuple(sorted(names))


def _named(folded: str, names: Iterable[str]) -> bool:
    return any(re.search(rf"\b{re.escape(fold(n))}\b", folded) for n in names)


def concerned(text: str, country: str, places: Sequence[Place],
              on: date | None = None) -> tuple[list[str], str]:
    """The keys of the stations of ``country`` that ``text`` (an action taken ``on``)
    concerns, and how that was decided: "named" (its place is named; a district or site
    named wins over the bare city), "country" (the text says all of them), "only" (the
    country's one station), "unrelated" (the text says it is not about a station) or
    "unlinked" (a reviewer decides). Stations first reported after the action are left out."""
    mine = [p for p in places if p.country == country
            and (on is None or p.reported is None or p.reported <= on)]
    folded = fold(text)
    if _UNRELATED.search(folded):
        return [], "unrelated"
    specific = [p.key for p in mine
                if _named(folded, (n for n in p.names if n not in p.general))]
    named = [p.key for p in mine if p.key in specific or (
        _named(folded, p.general) and not any(
            q.key in specific and set(q.general) & set(p.general) for q in mine))]
    if named:
        return named, "named"
    cue = _WHOLE_COUNTRY.search(folded)
    if cue:
        count = next((n for w, n in _COUNTS.items() if re.search(rf"\b{w}\b", cue[0])), None)
        if count is None or count == len(mine):
            return [p.key for p in mine], "country"
    if len(mine) == 1:
        return [mine[0].key], "only"
    return [], "unlinked"


@dataclass(frozen=True)
class Action:
    """A host-government action as the lifecycle needs it."""

    key: str
    action: str
    on: date


def derived(stated: str, actions: Iterable[Action]) -> tuple[str, dict[str, date]]:
    """The status a station's actions move it to (never below ``stated``, the reported one)
    and the first date each status was reached."""
    status = stated
    dates: dict[str, date] = {}
    for a in sorted(actions, key=lambda a: a.on):
        reached = ACTION_STATUS.get(a.action)
        if reached is None:
            continue
        status = later(status, reached)
        dates.setdefault(reached, a.on)
    return status, dates


@dataclass(frozen=True)
class Contradiction:
    station: str
    stated: str
    implied: str
    by: tuple[str, ...]

    def __str__(self) -> str:
        return (f"{self.station}: status {self.stated!r}, but accepted responses "
                f"{', '.join(self.by)} make it {self.implied!r}")
