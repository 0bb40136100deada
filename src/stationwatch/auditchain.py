"""The audit log as a hash chain: each entry's hash covers its content and the previous hash,
so an edited, deleted, inserted or reordered entry breaks the chain from that point on.

Pure functions, so the web app, `stationwatch verify` and any auditor's script compute the
same thing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(fields: dict[str, Any]) -> bytes:
    """One byte string per content, whatever the database did to key order."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(fields)).hexdigest()


@dataclass(frozen=True)
class Entry:
    id: int
    seq: int
    prev_hash: str
    hash: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class ChainBreak:
    """The first place the chain does not hold."""

    entry_id: int
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"audit entry id {self.entry_id} (seq {self.seq}): {self.problem}"


def verify_chain(entries: Iterable[Entry]) -> tuple[int, ChainBreak | None]:
    """(entries checked, first break or None). ``entries`` in id order."""
    prev, expected_seq, n = GENESIS, 1, 0
    for e in entries:
        n += 1
        if e.seq != expected_seq:
            what = "entries before it are missing or out of order" if e.seq > expected_seq \
                else "out of order or duplicated"
            return n, ChainBreak(e.id, e.seq, f"expected seq {expected_seq}: {what}")
        if e.prev_hash != prev:
            return n, ChainBreak(e.id, e.seq, "does not link to the entry before it "
                                              "(an entry was removed, inserted or reordered)")
        if entry_hash(prev, e.fields) != e.hash:
            return n, ChainBreak(e.id, e.seq, "content does not match its hash (edited)")
        prev, expected_seq = e.hash, expected_seq + 1
    return n, None


# Keyed entries. The chain alone is a public algorithm: someone who can write the database can
# edit an entry and recompute every later hash. Each entry therefore also carries a MAC of its
# hash under a key kept outside the database (``key id:hex``), and the head of the chain is
# checkpointed outside the database with a MAC of its own, so a truncated tail is found too.


def entry_mac(key_id: str, key: bytes, digest: str) -> str:
    mac = hmac.new(key, b"stationwatch audit entry\n" + digest.encode("ascii"), "sha256")
    return f"{key_id}:{mac.hexdigest()}"


def head_mac(key_id: str, key: bytes, seq: int, digest: str) -> str:
    mac = hmac.new(key, f"stationwatch audit head\n{seq}\n{digest}".encode("ascii"), "sha256")
    return f"{key_id}:{mac.hexdigest()}"


def mac_key_id(mac: str) -> str:
    return mac.split(":", 1)[0]


def mac_matches(expected: str, found: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii", "replace"),
                               found.encode("ascii", "replace"))
