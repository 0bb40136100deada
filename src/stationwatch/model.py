"""The domain's fixed vocabularies, shared by the core and the web app (one place for each).

Admiralty grading: reliability of the source A–F, credibility of the information 1–6.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RELIABILITY = {
    "A": "Completely reliable", "B": "Usually reliable", "C": "Fairly reliable",
    "D": "Not usually reliable", "E": "Unreliable", "F": "Reliability cannot be judged",
}
CREDIBILITY = {
    1: "Confirmed by other sources", 2: "Probably true", 3: "Possibly true",
    4: "Doubtful", 5: "Improbable", 6: "Truth cannot be judged",
}

SOURCE_KINDS = {"file": "File", "url": "Captured URL", "feed_item": "Feed item",
                "warc_record": "WARC record", "citation": "Citation only"}
CLAIM_KINDS = {"station": "Station", "bureau": "Bureau", "response": "Response",
               "figure": "Figure"}
CLAIM_STATUSES = {"candidate": "Candidate", "accepted": "Accepted", "rejected": "Rejected"}

#: The station lifecycle, in order.
STATION_STATUSES = {
    "reported": "Reported", "investigated": "Investigated",
    "closure_ordered": "Closure ordered", "closed": "Closed", "charged": "Charges",
    "convicted": "Conviction",
}
FRONT_TYPES = {"restaurant": "Restaurant", "shop": "Shop", "association": "Association",
               "office": "Office", "unknown": "Unknown"}
RESPONSE_ACTIONS = {
    "statement": "Statement", "investigation": "Investigation",
    "closure_ordered": "Closure ordered", "closed": "Closed", "arrest": "Arrest",
    "charge": "Charge", "conviction": "Conviction", "denial_by_china": "Denial by China",
}
BUREAU_LEVELS = {"county": "County", "city": "City", "province": "Province",
                 "ministry": "Ministry"}

#: Persuasion-to-return tactics, a fixed taxonomy.
CASE_TACTICS = {
    "threats_to_family": "Threats to family in China",
    "family_detained": "Family members detained or questioned",
    "utilities_cut": "Utilities cut at the family home",
    "children_barred_from_school": "Children barred from school",
    "assets_frozen": "Assets or accounts frozen",
    "household_registration_cancelled": "Household registration cancelled or frozen",
    "online_harassment": "Online harassment or messages",
    "phone_pressure": "Phone calls or video calls",
    "in_person_visit": "In-person visit abroad",
    "surveillance": "Surveillance abroad",
    "public_notice": "Public persuade-to-return notice",
}
CASE_OUTCOMES = {"returned": "Returned to China", "not_returned": "Did not return",
                 "ongoing": "Ongoing", "unknown": "Unknown"}


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
