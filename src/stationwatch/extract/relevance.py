"""Relevance: is a document's main content reporting on the stations or on persuasion to return?

Two parts, so that the archive prefilter can be exact:

- ``gate``: a necessary condition on the vocabulary cues of the main text
  (``vocab.may_be_about_stations``: a strong station term, or a China cue with a police cue and
  an office or return cue, or with a return cue and an abroad cue). ``pipeline/prefilter.py``
  passes every record whose bytes could satisfy it, so it never drops a document this module
  would call relevant.
- a linear model over composed cues (a China cue with a police cue with an office or return cue
  in one sentence, a station name in the title, a China word and an office word as one
  phrase...; no share of the text or title-only cue, which made short reports look like
  near-misses), fitted by scikit-learn's logistic
  regression on ``eval/corpus`` (``stationwatch train``) and shipped as ``relevance_model.json``:
  a feature list, weights and an intercept. Scoring it needs no scikit-learn.

Why learned: listed phrasings miss reports worded another way ("an unregistered office run by the
Nantong police") and catch ordinary police stations called by a listed word (SCHEMA.md's
near-misses); the composition of cues generalises where a phrase list does not.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .. import vocab
from ..text import fold_term
from .clauses import count_between
from .sentences import Sentence

MODEL_FILE = "relevance_model.json"
MODEL_FORMAT = "stationwatch-relevance/1"

#: Feature names, in the order of the model's weights.
FEATURES = (
    "strong", "strong_count", "strong_title", "strong_china",
    "china_police", "china_weak", "china_police_weak", "china_return", "police_return",
    "bureau_police", "cn_denial", "generic_no_china", "specific",
    "china_abroad", "abroad_return_or_police", "china_police_place",
    "china_return_abroad", "china_return_abroad_count", "china_police_office_abroad",
    "china_office_phrase", "bureau_office_abroad",
)


@cache
def _generic() -> frozenset[str]:
    data = vocab.check_word_lists("terms.yaml")
    return frozenset(fold_term(w) for words in data["generic_strong"].values() for w in words)


def _specific(s: Sentence, text: str) -> bool:
    """A strong term that is a name of the stations, not an ordinary police station's word."""
    generic = _generic()
    return any(fold_term(text[m.start:m.end]) not in generic for m in s.kinds("strong"))


def _abroad(s: Sentence) -> bool:
    """An abroad cue or a place outside China in the sentence."""
    return bool(s.kinds("abroad")) or any(
        m.pattern.kind in {"city", "country", "region"} and m.pattern.country not in {None, "CN"}
        for m in s.matches)


def _china(s: Sentence) -> bool:
    return bool(s.kinds("china") or s.kinds("bureau") or s.kinds("cn_official"))


#: Matcher kinds -> the cue names of vocab.may_be_about_stations.
_CUES = {"strong": "strong", "china": "china", "bureau": "china", "police": "police",
         "weak": "office", "return": "return", "abroad": "abroad"}


#: Word tokens allowed between the two halves of a phrase ('chinesische illegale Stationen').
PHRASE_GAP = 1


def _phrase(s: Sentence, text: str, left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    """A match of one of the ``left`` kinds and one of the ``right`` kinds in the sentence,
    at most PHRASE_GAP word tokens apart, in either order (CJK: adjacent characters)."""
    a = [m for k in left for m in s.kinds(k)]
    b = [m for k in right for m in s.kinds(k)]
    for x in a:
        for y in b:
            first, second = (x, y) if x.end <= y.start else (y, x)
            if first.end <= second.start and second.start - first.end <= 40 and \
                    count_between(text, first.end, second.start) <= PHRASE_GAP:
                return True
    return False


def gate(sentences: Sequence[Sentence]) -> bool:
    """The necessary condition (vocab.may_be_about_stations) on the main text's cues."""
    cues = {_CUES[m.pattern.kind] for s in sentences for m in s.matches
            if m.pattern.kind in _CUES}
    return vocab.may_be_about_stations(cues)


def features(sentences: Sequence[Sentence], text: str) -> list[float]:
    """The feature vector (``FEATURES`` order) of one document's main-text sentences."""
    strong = [s for s in sentences if s.kinds("strong")]
    china = [s for s in sentences if _china(s)]
    title = sentences[0] if sentences else None
    pressure = [s for s in sentences if _china(s) and s.kinds("return") and _abroad(s)]

    def any_s(pred: Any) -> float:
        return 1.0 if any(pred(s) for s in sentences) else 0.0

    values = {
        "strong": 1.0 if strong else 0.0,
        "strong_count": math.log1p(len(strong)),
        "strong_title": 1.0 if title is not None and title.kinds("strong") else 0.0,
        "strong_china": any_s(lambda s: s.kinds("strong") and _china(s)),
        "china_police": any_s(lambda s: _china(s) and s.kinds("police")),
        "china_weak": any_s(lambda s: _china(s) and s.kinds("weak")),
        "china_police_weak": any_s(lambda s: _china(s) and s.kinds("police")
                                   and (s.kinds("weak") or s.kinds("strong"))),
        "china_return": any_s(lambda s: _china(s) and s.kinds("return")),
        "police_return": any_s(lambda s: s.kinds("police") and s.kinds("return")),
        "bureau_police": any_s(lambda s: s.kinds("bureau") and s.kinds("police")),
        "cn_denial": any_s(lambda s: s.kinds("cn_official") and s.kinds("denial")),
        "generic_no_china": 1.0 if strong and not china
        and not any(_specific(s, text) for s in strong) else 0.0,
        "specific": any_s(lambda s: _specific(s, text)),
        "china_abroad": any_s(lambda s: _china(s) and s.kinds("abroad")),
        "abroad_return_or_police": any_s(lambda s: s.kinds("abroad") and (
            s.kinds("return") or s.kinds("police"))),
        "china_police_place": any_s(lambda s: _china(s) and s.kinds("police") and any(
            m.pattern.kind in {"city", "country"} for m in s.matches)),
        # Reports worded without any station name: a Chinese authority's pressure to return
        # on someone abroad ('officials summoned the parents of a blogger in Graz to make him
        # return'), an office a Chinese police body ran abroad ('the public security bureau
        # of Nantong ran an unregistered office in Auckland').
        "china_return_abroad": 1.0 if pressure else 0.0,
        "china_return_abroad_count": math.log1p(len(pressure)),
        "china_police_office_abroad": any_s(lambda s: _china(s) and s.kinds("police")
                                            and s.kinds("weak") and _abroad(s)),
        # A China word and an office word as one phrase, in either order ('chińskie
        # posterunki', 'postos chineses', 'Chinese outposts'): a name of the stations that
        # no list spells out.
        "china_office_phrase": any_s(lambda s: _phrase(s, text, ("china", "bureau"), ("weak",))),
        # A named local bureau's police with an office abroad ('the public security bureau of
        # Nantong ran an office in Auckland'): the stations' defining relation, unnamed.
        "bureau_office_abroad": any_s(lambda s: s.kinds("bureau") and s.kinds("police")
                                      and s.kinds("weak") and _abroad(s)),
    }
    return [float(values[name]) for name in FEATURES]


@dataclass(frozen=True)
class LinearModel:
    """w·x + b > 0 means relevant."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float

    def score(self, x: Sequence[float]) -> float:
        return self.intercept + sum(w * v for w, v in zip(self.weights, x, strict=True))

    def as_json(self) -> dict[str, Any]:
        return {"format": MODEL_FORMAT, "features": list(self.features),
                "weights": list(self.weights), "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        if data.get("format") != MODEL_FORMAT or tuple(data.get("features", ())) != FEATURES:
            raise ValueError(f"{MODEL_FILE} is not a model for these features: run "
                             "`stationwatch train` to rebuild it")
        return cls(tuple(data["features"]), tuple(float(w) for w in data["weights"]),
                   float(data["intercept"]))


@cache
def shipped_model() -> LinearModel:
    """The model packaged beside this module."""
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return LinearModel.from_json(json.loads(text))


def decided_by_name(x: Sequence[float]) -> bool:
    """A name of the stations or of the campaign ('overseas police service station', 劝返), or
    their defining relation - a named local bureau's police with an office abroad in one
    sentence ('the public security bureau of Nantong ran an office in Auckland') - makes a
    document relevant by itself: the corpora have no near-miss with either. The model is
    fitted on, and decides, the rest."""
    return bool(x[FEATURES.index("specific")] or x[FEATURES.index("bureau_office_abroad")])


def is_relevant(sentences: Sequence[Sentence], text: str,
                model: LinearModel | None = None) -> bool:
    """Gate, then a station name, then the model (the shipped one unless given, as
    cross-validation does)."""
    if not gate(sentences):
        return False
    x = features(sentences, text)
    return decided_by_name(x) or (model or shipped_model()).score(x) > 0


#: Fitting: L2-regularised logistic regression, classes weighted to balance; fixed solver and
#: seed, weights rounded, so the same corpus gives the same bytes.
C = 1.0
SEED = 0
DECIMALS = 6


def fit(rows: Sequence[Sequence[float]], labels: Sequence[bool]) -> LinearModel:
    """Fit the model on the feature rows that no station name decides; needs scikit-learn
    (installed with the package)."""
    from sklearn.linear_model import LogisticRegression

    kept = [(list(r), bool(y)) for r, y in zip(rows, labels, strict=True)
            if not decided_by_name(r)]
    rows, labels = [r for r, _ in kept], [y for _, y in kept]

    clf = LogisticRegression(C=C, class_weight="balanced", solver="liblinear",
                             random_state=SEED, max_iter=1000)
    clf.fit(rows, labels)
    weights = tuple(round(float(w), DECIMALS) + 0.0 for w in clf.coef_[0])
    return LinearModel(FEATURES, weights, round(float(clf.intercept_[0]), DECIMALS) + 0.0)


def model_bytes(model: LinearModel) -> bytes:
    """The shipped file's exact bytes for a model."""
    return (json.dumps(model.as_json(), indent=1, ensure_ascii=False) + "\n").encode("utf-8")
