"""The extraction gate: scores on the dev corpus may not fall below the pinned floors.

The corpus digest is pinned too, so a changed corpus is noticed rather than silently scored.
"""

import hashlib
import json
import os

import pytest

from stationwatch.extract.evaluate import evaluate_corpus
from tests.conftest import DEV, REPO

GATE = json.loads((REPO / "eval" / "floors.json").read_text())


def corpus_digest() -> str:
    h = hashlib.sha256()
    for p in sorted(DEV.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(DEV)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_dev_corpus_is_the_one_the_floors_were_set_on():
    assert corpus_digest() == GATE["corpus_sha256"]


@pytest.fixture(scope="module")
def scores():
    return evaluate_corpus(DEV)


@pytest.mark.parametrize("field", sorted(GATE["floors"]))
def test_extraction_stays_above_its_floor(scores, field):
    floor = GATE["floors"][field]
    f1 = scores[field].f1
    if os.environ.get("STATIONWATCH_LOWER_FLOORS") != "1":
        assert f1 >= floor, f"{field} F1 {f1:.3f} fell below its floor {floor}"
