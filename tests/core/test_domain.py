"""The domain's enumerations are data (vocab/domain.yaml): every value the code, the templates,
the extractor, the corpora and the docs use is one of its members (a key or a synonym)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any, get_args

import pytest

from stationwatch import model, vocab
from stationwatch.dates import Precision
from stationwatch.errors import DataError
from stationwatch.vocab.domain import parse_domain

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"

#: Record fields that hold a domain value -> the enumerations they draw from.
FIELDS: dict[str, tuple[model.Enumeration[Any], ...]] = {
    "status": (model.STATUSES, model.CLAIM_STATUSES),
    "action": (model.ACTIONS,),
    "front_type": (model.FRONT_TYPES,),
    "confidence": (model.CONFIDENCE,),
    "level": (model.BUREAU_LEVELS,),
    "outcome": (model.CASE_OUTCOMES,),
    "reliability": (model.RELIABILITY,),
}
#: Audit events ('source.ingest') are a vocabulary of their own, written as noun.verb.
AUDIT_EVENT = re.compile(r"[a-z_]+\.[a-z_.]+")


def _member(field: str, value: str) -> bool:
    return any(e.resolve(value) is not None for e in FIELDS[field])


def _field(node: ast.AST) -> str | None:
    """The record field an expression reads: x.status, x["status"], x.get("status")."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return str(node.slice.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr == "get" and node.args and isinstance(node.args[0], ast.Constant):
        return str(node.args[0].value)
    return None


def _strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [s for e in node.elts for s in _strings(e)]
    return []


def _uses(tree: ast.AST) -> list[tuple[int, str, str]]:
    """(line, field, literal) for literals compared with, passed as or stored in a field."""
    out = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Compare):
            sides = [n.left, *n.comparators]
            for f in {_field(s) for s in sides} & set(FIELDS):
                out += [(n.lineno, f, v) for s in sides for v in _strings(s)]
        elif isinstance(n, ast.keyword) and n.arg in FIELDS:
            out += [(n.value.lineno, n.arg, v) for v in _strings(n.value)]
        elif isinstance(n, ast.Dict):
            for k, v in zip(n.keys, n.values, strict=True):
                if isinstance(k, ast.Constant) and k.value in FIELDS:
                    out += [(v.lineno, str(k.value), s) for s in _strings(v)]
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and \
                n.func.id == "Found" and len(n.args) > 1:  # the extractor's responses
            out += [(n.lineno, "action", v) for v in _strings(n.args[1])]
    return [(line, f, v) for line, f, v in out
            if not (f == "action" and AUDIT_EVENT.fullmatch(v))]


def test_every_enumerated_value_in_the_code_is_in_domain_yaml():
    unknown, seen = [], 0
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for line, field, value in _uses(ast.parse(path.read_text(encoding="utf-8"))):
            seen += 1
            if not _member(field, value):
                unknown.append(f"{path.relative_to(ROOT)}:{line} {field} {value!r}")
    assert seen > 20  # the scan reads the code it means to
    assert not unknown, "values missing from vocab/domain.yaml:\n" + "\n".join(unknown)


def test_every_enumerated_value_in_a_template_is_in_domain_yaml():
    compare = re.compile(r"\.(status|action|front_type|confidence|level)\s*==\s*[\"']([^\"']+)")
    found = [(p, m.group(1), m.group(2)) for p in sorted((SRC / "stationwatch_web").rglob(
        "*.html")) for m in compare.finditer(p.read_text(encoding="utf-8"))]
    assert found
    assert [f for f in found if not _member(f[1], f[2])] == []


def test_the_scan_finds_a_value_the_domain_lacks():
    tree = ast.parse('if station.status == "vanished": pass\n'
                     'x = Found("NL", "shutdown", s)\n'
                     'audit_record(action="station.create")\n')
    bad = [(f, v) for _, f, v in _uses(tree) if not _member(f, v)]
    assert bad == [("status", "vanished"), ("action", "shutdown")]


def _gold_actions() -> set[str]:
    actions = set()
    files = [*(ROOT / "eval" / "corpus").rglob("gold*.jsonl"),
             ROOT / "tests" / "data" / "cases" / "extraction" / "cases.jsonl"]
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                gold = record.get("expected", record)
                actions |= {r["action"] for r in gold.get("responses") or []}
    return actions


def test_every_action_the_extractor_is_scored_on_is_a_domain_action():
    actions = _gold_actions()
    assert {"closure", "denial", "statement"} <= actions
    assert all(model.ACTIONS.resolve(a) is not None for a in actions), actions


def test_every_word_list_action_names_a_domain_action():
    data = vocab.check_word_lists("actions.yaml")
    assert data["actions"]
    assert all(model.ACTIONS.resolve(key) for key in data["actions"])


def test_a_synonym_resolves_to_its_member():
    assert model.ACTIONS.resolve("closure") is model.ACTIONS["closure_ordered"]
    assert model.ACTIONS.resolve("denial").key == "denial_by_china"
    assert model.STATUSES.resolve("charges").key == "charged"
    assert model.ACTIONS.resolve("vanished") is None
    assert "closure" not in model.ACTIONS  # `in` asks for stored keys only
    assert model.ACTIONS.label("closure") == "Closure ordered"


def test_date_precisions_are_the_ones_partial_dates_know():
    assert list(get_args(Precision)) == model.DATE_PRECISIONS.keys()


def test_the_lifecycle_is_ordered_and_each_status_names_its_date_field():
    assert model.STATUSES.keys()[0] == "reported"
    assert model.STATUSES.index("convicted") == len(model.STATUSES) - 1
    assert all(s.date_field == f"{s.key}_on" for s in model.STATUSES)
    moves = {a.key: a.moves_to for a in model.ACTIONS}
    assert moves["arrest"] == "charged" and moves["statement"] is None
    with pytest.raises(ValueError, match="unknown statuses 'vanished'"):
        model.STATUSES.index("vanished")


def test_release_descriptions_are_written_from_the_domain():
    from stationwatch.export import schema as release

    fields = {f.name: f.description for f in release.STATION_SCHEMA + release.RESPONSE_SCHEMA}
    assert model.STATUSES.prose() in fields["status"]
    assert "charged or convicted" in fields["status"]
    assert fields["action"] == f"{model.ACTIONS.prose()}."
    assert model.CONFIDENCE.prose() in fields["confidence"]


def test_the_docs_name_the_lifecycle_in_the_domain_order():
    text = (ROOT / "docs" / "review-and-atlas.md").read_text(encoding="utf-8")
    lifecycle = " → ".join(s.label.lower() for s in model.STATUSES)
    assert lifecycle in " ".join(text.split())


def _domain(**changes: Any) -> dict[str, Any]:
    data = vocab.read_yaml("domain.yaml")
    data.update(changes)
    return data


@pytest.mark.parametrize(("data", "field", "message"), [
    (_domain(actions=[{"key": "arrest", "label": "Arrest", "moves_to": "jailed"}]),
     "actions.moves_to", "unknown status 'jailed'"),
    (_domain(statuses=[{"key": "reported", "label": "Reported"}]), "statuses.date",
     "missing date field"),
    (_domain(front_types=[{"key": "shop", "label": "Shop"},
                          {"key": "store", "label": "Store", "synonyms": ["shop"]}]),
     "front_types", "'shop' names two members"),
    (_domain(credibility=[{"key": "1", "label": "Confirmed"}]), "credibility.key",
     "key must be a int"),
    (_domain(claim_kinds=[{"key": "station", "label": "Station", "colour": "red"}]),
     "claim_kinds", "unknown fields"),
    (_domain(case_outcomes=None), "case_outcomes", "non-empty list"),
])
def test_a_malformed_domain_file_names_the_field(data, field, message):
    with pytest.raises(DataError, match=re.escape(message)) as info:
        parse_domain(data)
    assert f"field '{field}'" in str(info.value)

