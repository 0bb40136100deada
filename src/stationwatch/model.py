"""The domain model: its enumerations, read from ``vocab/domain.yaml`` (the one place their
names are written) and shared by the core and the web app.

Each is an ``Enumeration`` of frozen members in the file's order: ``STATUSES`` is the station
lifecycle (each ``Status`` names the station field dating it), ``ACTIONS`` the responses (each
``Action`` names the status it moves a station to). Synonyms resolve through ``resolve``: the
extractor reports ``closure`` and the atlas stores ``closure_ordered``, one member. Admiralty
grading: reliability of the source A-F, credibility of the information 1-6.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .vocab import domain
from .vocab.domain import Action, Domain, Enumeration, Status, Term

_DOMAIN = domain()

STATUSES: Enumeration[Status] = _DOMAIN.statuses
ACTIONS: Enumeration[Action] = _DOMAIN.actions
FRONT_TYPES: Enumeration[Term[str]] = _DOMAIN.front_types
BUREAU_LEVELS: Enumeration[Term[str]] = _DOMAIN.bureau_levels
RELIABILITY: Enumeration[Term[str]] = _DOMAIN.reliability
CREDIBILITY: Enumeration[Term[int]] = _DOMAIN.credibility
CONFIDENCE: Enumeration[Term[str]] = _DOMAIN.confidence
SOURCE_KINDS: Enumeration[Term[str]] = _DOMAIN.source_kinds
CLAIM_KINDS: Enumeration[Term[str]] = _DOMAIN.claim_kinds
CLAIM_STATUSES: Enumeration[Term[str]] = _DOMAIN.claim_statuses
CASE_TACTICS: Enumeration[Term[str]] = _DOMAIN.case_tactics
CASE_OUTCOMES: Enumeration[Term[str]] = _DOMAIN.case_outcomes

__all__ = ["ACTIONS", "BUREAU_LEVELS", "CASE_OUTCOMES", "CASE_TACTICS", "CLAIM_KINDS",
           "CLAIM_STATUSES", "CONFIDENCE", "CREDIBILITY", "FRONT_TYPES", "RELIABILITY",
           "SOURCE_KINDS", "STATUSES", "Action", "Domain", "Enumeration", "Evidence", "Extraction",
           "Proposal", "Status", "Term"]


# --- What reading a document gives: its extraction and the claims it proposes ----------------
# (kept as one block, apart from the vocabularies above)


@dataclass
class Evidence:
    """A span of a document's text that supports a claim (character offsets, end exclusive)."""

    start: int
    end: int
    quote: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "quote": self.quote}


@dataclass
class Extraction:
    """What the extractor found in one document: relevance, stations, bureaus, responses
    (each with its evidence spans), or why it could not read it (``errors``)."""

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


@dataclass(frozen=True)
class Proposal:
    """One claim a document's extraction proposes for review: its kind (station, bureau,
    response), its value, and the evidence spans (start, end, quote) in the document's text."""

    kind: str
    value: dict[str, Any]
    evidence: list[dict[str, Any]]
