"""The domain's enumerations (``domain.yaml``) as frozen, ordered tables of members.

A member has a ``key`` (the stored value), a ``label`` (what a page shows) and ``synonyms``
(other names it is written under: the extractor's word-list keys, the reference CSV's
spellings, values stored before a rename). ``Enumeration.resolve`` reads any of them, so a
synonym resolves once, where a value is read, and no table translates names elsewhere. A
malformed file raises ``DataError`` naming the section, the entry and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..errors import DataError

K = TypeVar("K", str, int)


@dataclass(frozen=True)
class Term(Generic[K]):
    key: K
    label: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Status(Term[str]):
    """A stage of the station lifecycle; ``date_field`` is the station field dating it."""

    date_field: str = ""


@dataclass(frozen=True)
class Action(Term[str]):
    """A response; ``moves_to`` is the status it moves its country's stations to, if any."""

    moves_to: str | None = None


T = TypeVar("T", bound=Term[Any])


@dataclass(frozen=True)
class Enumeration(Generic[T]):
    """Members in their file order; ``in`` and ``[]`` take keys, ``resolve`` synonyms too."""

    name: str
    members: tuple[T, ...]
    _names: dict[object, T] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: dict[object, T] = {}
        for m in self.members:
            for name in (m.key, *m.synonyms):
                if name in names:
                    raise DataError(f"{name!r} names two members", path="domain.yaml",
                                    field=self.name)
                names[name] = m
        object.__setattr__(self, "_names", names)

    def __iter__(self) -> Iterator[T]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def __contains__(self, key: object) -> bool:
        return any(m.key == key for m in self.members)

    def __getitem__(self, key: object) -> T:
        for m in self.members:
            if m.key == key:
                return m
        raise KeyError(f"unknown {self.name} {key!r}; one of {self.keys()}")

    def resolve(self, name: object) -> T | None:
        """The member a stored or extracted value names (key or synonym), or None."""
        return self._names.get(name)

    def keys(self) -> list[Any]:
        return [m.key for m in self.members]

    def index(self, name: object) -> int:
        """Position in the file's order (the lifecycle's, for statuses) of the member a key
        or synonym names; ValueError when none does, as ``list.index`` raises."""
        m = self._names.get(name)
        if m is None:
            raise ValueError(f"unknown {self.name} {name!r}; one of {self.keys()}")
        return self.members.index(m)

    def label(self, name: object, default: str | None = None) -> str:
        """The label of the member a key or synonym names; else ``default``, or the name."""
        m = self._names.get(name)
        if m is not None:
            return m.label
        return str(name) if default is None else default

    def choices(self) -> list[tuple[Any, str]]:
        """(key, label) pairs in order, for form and model-field choices."""
        return [(m.key, m.label) for m in self.members]

    def prose(self, *, labelled: bool = False) -> str:
        """The keys as an English list ('a, b or c'), each followed by its label in brackets
        when ``labelled``: for schema descriptions and docs."""
        names = [f"{m.key} ({m.label})" if labelled else str(m.key) for m in self.members]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


@dataclass(frozen=True)
class Domain:
    statuses: Enumeration[Status]
    actions: Enumeration[Action]
    front_types: Enumeration[Term[str]]
    bureau_levels: Enumeration[Term[str]]
    reliability: Enumeration[Term[str]]
    credibility: Enumeration[Term[int]]
    confidence: Enumeration[Term[str]]
    source_kinds: Enumeration[Term[str]]
    claim_kinds: Enumeration[Term[str]]
    claim_statuses: Enumeration[Term[str]]
    case_tactics: Enumeration[Term[str]]
    case_outcomes: Enumeration[Term[str]]


#: Fields each section's entries may hold, beyond key, label and synonyms.
_EXTRA = {"statuses": {"date"}, "actions": {"moves_to"}}
_INT_KEYS = {"credibility"}


def _members(data: dict[str, Any], section: str, path: str) -> list[dict[str, Any]]:
    entries = data.get(section)
    if not isinstance(entries, list) or not entries:
        raise DataError("expected a non-empty list of members", path=path, field=section)
    allowed = {"key", "label", "synonyms", *_EXTRA.get(section, ())}
    key_type = int if section in _INT_KEYS else str
    for i, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            raise DataError("entry is not a mapping", path=path, line=i, field=section)
        unknown = sorted(set(e) - allowed)
        if unknown:
            raise DataError(f"unknown fields {unknown}", path=path, line=i, field=section)
        key = e.get("key")
        if isinstance(key, bool) or not isinstance(key, key_type) or key == "":
            raise DataError(f"key must be a {key_type.__name__}", path=path, line=i,
                            field=f"{section}.key")
        if not isinstance(e.get("label"), str) or not e["label"]:
            raise DataError("missing label", path=path, line=i, field=f"{section}.label")
        syn = e.get("synonyms", [])
        if not isinstance(syn, list) or not all(isinstance(s, str) and s for s in syn):
            raise DataError("synonyms must be a list of names", path=path, line=i,
                            field=f"{section}.synonyms")
    return entries


def parse_domain(data: Any, path: str = "domain.yaml") -> Domain:
    """Validate ``domain.yaml``: every section present, keys unique (synonyms included),
    each status dated by a field, each action moving to a status that exists."""
    if not isinstance(data, dict):
        raise DataError("expected a mapping of sections", path=path)
    plain: dict[str, Enumeration[Any]] = {}
    for section in ("front_types", "bureau_levels", "reliability", "credibility", "confidence",
                    "source_kinds", "claim_kinds", "claim_statuses", "case_tactics",
                    "case_outcomes"):
        plain[section] = Enumeration(section, tuple(
            Term(e["key"], e["label"], tuple(e.get("synonyms", [])))
            for e in _members(data, section, path)))
    statuses = []
    for i, e in enumerate(_members(data, "statuses", path), 1):
        if not isinstance(e.get("date"), str) or not e["date"]:
            raise DataError("missing date field", path=path, line=i, field="statuses.date")
        statuses.append(Status(e["key"], e["label"], tuple(e.get("synonyms", [])), e["date"]))
    status_table = Enumeration("statuses", tuple(statuses))
    actions = []
    for i, e in enumerate(_members(data, "actions", path), 1):
        moves_to = e.get("moves_to")
        if moves_to is not None and moves_to not in status_table:
            raise DataError(f"unknown status {moves_to!r}", path=path, line=i,
                            field="actions.moves_to")
        actions.append(Action(e["key"], e["label"], tuple(e.get("synonyms", [])), moves_to))
    return Domain(statuses=status_table, actions=Enumeration("actions", tuple(actions)),
                  **plain)
