"""Score extractions against a gold.jsonl exactly as corpus/SCHEMA.md describes.

relevance: P/R of `relevant`; station countries: (doc, country); station cities: (doc, country,
city) with city not null, case- and accent-insensitive; bureaus: (doc, bureau); responses:
(doc, country, action).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..text import fold

FIELDS = ("relevance", "station_countries", "station_cities", "bureaus", "responses")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _sets(doc_id: str, record: dict[str, Any]) -> dict[str, set[tuple[str, ...]]]:
    stations = record.get("stations") or []
    return {
        "relevance": {(doc_id,)} if record.get("relevant") else set(),
        "station_countries": {(doc_id, s["country"]) for s in stations},
        "station_cities": {(doc_id, s["country"], fold(s["city"])) for s in stations
                           if s.get("city")},
        "bureaus": {(doc_id, b if isinstance(b, str) else b["name"])
                    for b in record.get("bureaus") or []},
        "responses": {(doc_id, r["country"], r["action"]) for r in record.get("responses") or []},
    }


def load_gold(corpus: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (corpus / "gold.jsonl").read_text("utf-8").splitlines()
            if line.strip()]


def score(gold: list[dict[str, Any]], predicted: dict[str, dict[str, Any]]) -> dict[str, Score]:
    """``predicted`` maps a gold id to its extraction (as_dict form)."""
    scores = {f: Score() for f in FIELDS}
    for g in gold:
        want = _sets(g["id"], g)
        got = _sets(g["id"], predicted.get(g["id"], {}))
        for f in FIELDS:
            s = scores[f]
            s.tp += len(want[f] & got[f])
            for item in sorted(got[f] - want[f]):
                s.fp += 1
                s.misses.append("extra   " + " ".join(item))
            for item in sorted(want[f] - got[f]):
                s.fn += 1
                s.misses.append("missing " + " ".join(item))
    return scores


def evaluate_corpus(corpus: Path) -> dict[str, Score]:
    """Load every gold document from its file, extract, and score."""
    from ..ingest import load_path
    from .extractor import extract

    gold = load_gold(corpus)
    predicted = {}
    for g in gold:
        for doc in load_path(corpus / g["file"]):
            predicted[g["id"]] = extract(doc).as_dict()
    return score(gold, predicted)
