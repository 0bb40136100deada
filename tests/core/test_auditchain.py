"""The audit hash chain: any edit, deletion, insertion or reordering is found and named."""

from __future__ import annotations

from dataclasses import replace

from stationwatch.auditchain import GENESIS, Entry, entry_hash, verify_chain


def chain(n: int) -> list[Entry]:
    out, prev = [], GENESIS
    for i in range(1, n + 1):
        fields = {"seq": i, "action": f"a{i}", "detail": {"k": i, "z": [1, 2]}}
        digest = entry_hash(prev, fields)
        out.append(Entry(id=100 + i, seq=i, prev_hash=prev, hash=digest, fields=fields))
        prev = digest
    return out


def test_an_intact_chain_verifies():
    assert verify_chain(chain(5)) == (5, None)
    assert verify_chain([]) == (0, None)


def test_key_order_does_not_matter():
    a = entry_hash(GENESIS, {"x": 1, "y": {"b": 2, "a": 1}})
    assert a == entry_hash(GENESIS, {"y": {"a": 1, "b": 2}, "x": 1})


def test_an_edited_entry_is_named():
    entries = chain(5)
    entries[2] = replace(entries[2], fields={**entries[2].fields, "action": "forged"})
    _, broken = verify_chain(entries)
    assert broken is not None and broken.entry_id == 103 and "edited" in broken.problem


def test_a_deleted_entry_is_named_by_the_one_after_it():
    entries = chain(5)
    del entries[1]
    _, broken = verify_chain(entries)
    assert broken is not None and broken.entry_id == 103 and "missing" in broken.problem


def test_reordered_entries_are_found():
    entries = chain(5)
    entries[1], entries[2] = entries[2], entries[1]
    _, broken = verify_chain(entries)
    assert broken is not None and broken.entry_id == 103


def test_a_rewritten_tail_still_breaks_at_the_first_change():
    entries = chain(4)
    forged = {**entries[1].fields, "action": "forged"}
    entries[1] = replace(entries[1], fields=forged, hash=entry_hash(entries[0].hash, forged))
    _, broken = verify_chain(entries)
    assert broken is not None and broken.entry_id == 103 and "does not link" in broken.problem
