"""Every handed extraction case (tests/data/cases/extraction/cases.jsonl, copied from the
project's shared cases) is a test: relevance, station countries and cities, bureaus and
(country, action) responses must equal the expected sets, compared as the corpus scorer does.

Cases whose kind is not solved yet are listed in ``OPEN`` and run as strict expected failures,
so a fix shows up as a failure to be moved out of the list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stationwatch.extract import extract
from stationwatch.ingest import load_bytes
from stationwatch.text import fold

CASES = Path(__file__).resolve().parents[2] / "data" / "cases" / "extraction" / "cases.jsonl"
#: Cities the scorer accepts under another common exonym.
EXONYMS = {"koln": "cologne", "munchen": "munich", "wien": "vienna", "praha": "prague",
           "milano": "milan", "roma": "rome", "firenze": "florence", "lisboa": "lisbon",
           "den haag": "the hague", "venezia": "venice", "new york city": "new york"}
#: Case id -> why it still fails (kinds the extractor does not handle yet).
OPEN: dict[str, str] = {}


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text("utf-8").splitlines() if line.strip()]


def _city(name: str) -> str:
    key = fold(name)
    return EXONYMS.get(key, key)


def _sets(record: dict) -> dict[str, set]:
    stations = record.get("stations") or []
    bureaus = {b if isinstance(b, str) else b["name"] for b in record.get("bureaus") or []}
    bureaus |= {s["bureau"] for s in stations if s.get("bureau")}
    return {
        "relevant": {bool(record.get("relevant"))},
        "station countries": {s["country"] for s in stations},
        "station cities": {(s["country"], _city(s["city"])) for s in stations if s.get("city")},
        "bureaus": {fold(b) for b in bureaus},
        "responses": {(r["country"], r["action"]) for r in record.get("responses") or []},
    }


@pytest.mark.parametrize("case", [
    pytest.param(c, id=f"{c['id']}-{c['kind']}-{c['lang']}",
                 marks=[pytest.mark.xfail(strict=True, reason=OPEN[c["id"]])]
                 if c["id"] in OPEN else [])
    for c in _cases()])
def test_handed_case_gives_its_expected_claims(case: dict) -> None:
    doc = load_bytes(case["text"].encode("utf-8"), path=f"{case['id']}.txt")
    got, want = _sets(extract(doc).as_dict()), _sets(case["expected"])
    assert got == want, {k: {"missing": want[k] - got[k], "extra": got[k] - want[k]}
                         for k in want if got[k] != want[k]}
