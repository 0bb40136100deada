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
    """Load every gold document from its file, extract with the shipped models, and score."""
    from ..ingest import load_path
    from .extractor import extract

    gold = load_gold(corpus)
    predicted = {}
    for g in gold:
        for doc in load_path(corpus / g["file"]):
            predicted[g["id"]] = extract(doc).as_dict()
    return score(gold, predicted)


@dataclass
class Labelled:
    """One gold document, loaded, with its relevance features."""

    gold: dict[str, Any]
    docs: list[Any]
    features: list[float]


def load_labelled(corpora: list[Path]) -> list[Labelled]:
    """Every gold document of the corpora (ids prefixed by nothing: they are unique across the
    project's corpora), loaded once, with its relevance feature vector."""
    from ..ingest import load_path
    from ..text import detect_language
    from .extractor import analyse
    from .relevance import features

    out = []
    for corpus in corpora:
        for g in load_gold(corpus):
            docs = list(load_path(corpus / g["file"]))
            text = docs[0].text if docs else ""
            sentences = analyse(docs[0], detect_language(text)) if text else []
            out.append(Labelled(g, docs, features(sentences, text)))
    return out


def train_relevance(corpora: list[Path]) -> Any:
    """The relevance model fitted on every gold document of the corpora."""
    from .relevance import fit

    rows = load_labelled(corpora)
    return fit([r.features for r in rows], [bool(r.gold.get("relevant")) for r in rows])


def folds_of(ids: list[str], k: int) -> list[int]:
    """Fold number of each id: by a hash of the id, so a document keeps its fold whatever else
    the corpora hold (deterministic, no random state)."""
    import hashlib

    return [int(hashlib.sha256(i.encode()).hexdigest(), 16) % k for i in ids]


def cross_validate(corpora: list[Path], k: int = 5
                   ) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """k-fold cross-validation by document: each fold is extracted with a relevance model fitted
    on the other folds. Returns the pooled scores and the scores per gold language."""
    from .extractor import extract
    from .relevance import fit

    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    rows = load_labelled(corpora)
    fold = folds_of([r.gold["id"] for r in rows], k)
    predicted: dict[str, dict[str, Any]] = {}
    for f in range(k):
        train = [r for r, n in zip(rows, fold, strict=True) if n != f]
        model = fit([r.features for r in train], [bool(r.gold.get("relevant")) for r in train])
        for r, n in zip(rows, fold, strict=True):
            if n == f and r.docs:
                predicted[r.gold["id"]] = extract(r.docs[0], relevance_model=model).as_dict()
    gold = [r.gold for r in rows]
    by_lang: dict[str, dict[str, Score]] = {}
    for lang in sorted({g.get("lang", "und") for g in gold}):
        by_lang[lang] = score([g for g in gold if g.get("lang", "und") == lang], predicted)
    return score(gold, predicted), by_lang
