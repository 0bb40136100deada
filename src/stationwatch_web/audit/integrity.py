"""`stationwatch verify`'s audit part: what someone who can write the database could have done
to the log, each found and named.

- an edited, inserted, removed or reordered entry: the hash chain (``auditchain``);
- edited entries with every later hash recomputed: each entry's MAC under the key ring
  outside the database no longer matches;
- removed tail entries: the head checkpoint outside the database is past the log's end;
- a source pointed at other bytes (a swapped blob): the keyed ``source.ingest`` entry
  records the blob's SHA-256;
- the append-only triggers dropped or disabled: checked in the database's catalogue;
- a log rewritten before a release: each release kept in the data directory pins the head
  of its first publication.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from stationwatch.auditchain import Entry, entry_mac, mac_key_id, mac_matches, verify_chain
from stationwatch.errors import ConfigError
from stationwatch.export.release import RELEASE_INFO

from .keys import Head, audit_keyring, head_authentic, head_path, head_read
from .models import AuditEvent

SQLITE_TRIGGERS = ("audit_event_no_update", "audit_event_no_delete")
POSTGRES_TRIGGERS = ("audit_event_no_change", "audit_event_no_truncate")


@dataclass
class AuditReport:
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    head: Head | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if self.ok:
            lines = [f"audit log: {self.entries} entries, hash chain intact, keyed entries and "
                     f"head checkpoint match, append-only triggers in place"]
        else:
            lines = [f"audit log: PROBLEM {p}" for p in self.problems]
        return "\n".join(lines + [f"  note {n}" for n in self.notes])


def audit_check() -> AuditReport:
    report = AuditReport()
    last = _check_entries(report)
    _check_head(report, last)
    _check_sources(report)
    _check_releases(report)
    _check_triggers(report)
    return report


def _check_triggers(report: AuditReport) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = 'audit_auditevent'")
            present = {row[0] for row in cursor.fetchall()}
            wanted: tuple[str, ...] = SQLITE_TRIGGERS
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = "
                           "'audit_auditevent'::regclass AND NOT tgisinternal "
                           "AND tgenabled <> 'D'")
            present = {row[0] for row in cursor.fetchall()}
            wanted = POSTGRES_TRIGGERS
        else:
            return
    missing = [t for t in wanted if t not in present]
    if missing:
        report.problems.append(f"append-only trigger(s) {', '.join(missing)} dropped or "
                               f"disabled: the log could be changed without a trace")


def _check_entries(report: AuditReport) -> tuple[int, str] | None:
    """Chain and MACs, in id order; returns (seq, hash) of the last entry."""
    ring = audit_keyring(create=False)
    rows = AuditEvent.objects.order_by("id").values_list(
        "id", "seq", "prev_hash", "hash", "mac", "at", "actor_label", "action", "object_type",
        "object_id", "detail")
    state: dict[str, Any] = {"keyed": False, "unkeyed": 0, "bad": None, "last": None}

    def entries() -> Iterator[Entry]:
        for pk, seq, prev, digest, mac, at, actor, action, otype, oid, detail in rows.iterator(
                chunk_size=2000):
            state["last"] = (seq or 0, digest)
            if state["bad"] is None:
                state["bad"] = _mac_problem(ring, pk, seq, digest, mac, state)
            yield Entry(id=pk, seq=seq or 0, prev_hash=prev, hash=digest, fields={
                "seq": seq, "at": at.isoformat(), "actor": actor, "action": action,
                "object_type": otype, "object_id": oid, "detail": detail})

    report.entries, broken = verify_chain(entries())
    if broken is not None:
        report.problems.append(str(broken))
    if state["bad"] is not None:
        report.problems.append(state["bad"])
    if state["unkeyed"]:
        report.notes.append(f"the first {state['unkeyed']} entries were written before entries "
                            f"were keyed: their chain is checked, not their MAC")
    last: tuple[int, str] | None = state["last"]
    return last


def _mac_problem(ring: Any, pk: int, seq: int | None, digest: str, mac: str | None,
                 state: dict[str, Any]) -> str | None:
    where = f"audit entry id {pk} (seq {seq})"
    if not mac:
        if state["keyed"]:
            return f"{where}: no MAC after keyed entries (written or rewritten outside the app)"
        state["unkeyed"] += 1
        return None
    state["keyed"] = True
    kid = mac_key_id(mac)
    if ring is None or kid not in ring.keys:
        return f"{where}: keyed with {kid!r}, which the audit key ring does not hold"
    if not mac_matches(entry_mac(kid, ring.keys[kid], digest), mac):
        return (f"{where}: its MAC does not match (edited and re-chained by someone without "
                f"the audit key)")
    return None


def _check_head(report: AuditReport, last: tuple[int, str] | None) -> None:
    try:
        head = head_read()
    except ConfigError as exc:
        report.problems.append(str(exc))
        return
    report.head = head
    if head is None:
        if last is not None and report.entries > 0 and AuditEvent.objects.exclude(
                mac=None).exclude(mac="").exists():
            report.problems.append(f"no head checkpoint at {head_path()} although the log is "
                                   f"keyed: it was removed, or this is not the log's own "
                                   f"data directory")
        return
    if not head_authentic(head):
        report.problems.append(f"{head_path()}: the head checkpoint's MAC does not match "
                               f"(forged or written with another key ring)")
        return
    if last is None or last[0] < head.seq:
        end = last[0] if last else 0
        report.problems.append(f"the log ends at seq {end} but the head checkpoint records seq "
                               f"{head.seq}: the last {head.seq - end} entries were deleted")
        return
    at = AuditEvent.objects.filter(seq=head.seq).values_list("hash", flat=True).first()
    if at != head.hash:
        report.problems.append(f"entry seq {head.seq} differs from the head checkpoint: the "
                               f"log was rewritten up to there")


def _check_sources(report: AuditReport) -> None:
    from stationwatch_web.evidence.models import Source

    recorded: dict[str, dict[str, Any]] = {}
    for oid, detail in AuditEvent.objects.filter(
            action="source.ingest", object_type="evidence.source").order_by("id").values_list(
            "object_id", "detail"):
        if isinstance(detail, dict) and "sha256" in detail:
            recorded[oid] = detail
    unrecorded = 0
    first = min((int(k) for k in recorded if k.isdigit()), default=None)
    for pk, sha, capture_sha in Source.objects.exclude(sha256=None).values_list(
            "pk", "sha256", "capture_sha256").order_by("pk"):
        detail = recorded.get(str(pk))
        if detail is None and first is not None and pk > first:
            report.problems.append(f"source {pk}: no audit entry records its ingest (inserted "
                                   f"outside the app)")
            continue
        if detail is None:
            unrecorded += 1
            continue
        if detail.get("sha256") != sha:
            report.problems.append(f"source {pk}: its blob {sha} is not the one its audit entry "
                                   f"records ({detail.get('sha256')}): swapped")
        elif (detail.get("capture_sha256") or "") != (capture_sha or ""):
            report.problems.append(f"source {pk}: its capture WARC {capture_sha} is not the one "
                                   f"its audit entry records: swapped")
    if unrecorded:
        report.notes.append(f"{unrecorded} sources have no audit entry recording their blob's "
                            f"hash (stored before entries recorded it): not checked")


def audit_expect_head(report: AuditReport, expected: str) -> None:
    """Check a head written down or published earlier: ``SEQ:HASH``, as `verify --head`
    prints them, or a release folder (or its ``release.json``), which pins the head of its
    first publication. It holds against anyone who has the key ring too."""
    path = Path(expected)
    if path.is_dir() or path.name == RELEASE_INFO:
        pinned = _release_pin(report, path / RELEASE_INFO if path.is_dir() else path)
        if pinned is not None:
            _log_holds(report, pinned.seq, pinned.hash, f"the head pinned by {path}")
        return
    seq_text, _, digest = expected.replace(" ", ":").partition(":")
    if not seq_text.isdigit() or len(digest) != 64:
        report.problems.append(f"--expect-head {expected!r}: give SEQ:HASH or a release folder")
        return
    _log_holds(report, int(seq_text), digest, "the expected head")


def _log_holds(report: AuditReport, seq: int, digest: str, what: str) -> None:
    found = AuditEvent.objects.filter(seq=seq).values_list("hash", flat=True).first()
    if found is None:
        report.problems.append(f"the log no longer holds entry seq {seq} of {what}: entries "
                               f"were deleted")
    elif found != digest:
        report.problems.append(f"entry seq {seq} differs from {what}: the log was rewritten "
                               f"up to there")


def _release_pin(report: AuditReport, info: Path) -> Head | None:
    """The head a release's ``release.json`` pins (None, with a problem, when unreadable; None
    for a release from before releases pinned one)."""
    try:
        raw = json.loads(info.read_text(encoding="utf-8")).get("audit_head") or {}
        if not raw:
            return None
        return Head(seq=int(raw["seq"]), hash=str(raw["hash"]), mac=str(raw["mac"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        report.problems.append(f"{info}: no readable audit head ({exc})")
        return None


def _check_releases(report: AuditReport) -> None:
    """Each release the app keeps pinned the log's head when it was published: the log must
    still hold that entry, and the pin must carry the key ring's MAC."""
    root = Path(settings.SW.data_dir) / "releases"
    for info in sorted(root.glob(f"*/{RELEASE_INFO}")) if root.is_dir() else []:
        pinned = _release_pin(report, info)
        if pinned is None:
            continue
        what = f"the head pinned by release {info.parent.name}"
        if not head_authentic(pinned):
            report.problems.append(f"{info}: {what} does not carry this key ring's MAC "
                                   f"(written elsewhere, or forged)")
        _log_holds(report, pinned.seq, pinned.hash, what)
