"""Writing to the audit log: one hash-chained entry at a time."""

from __future__ import annotations

from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from stationwatch.auditchain import GENESIS, ChainBreak, Entry, entry_hash, entry_mac, verify_chain

from .keys import active_key, head_signed, head_write
from .models import AuditEvent

#: Key of the PostgreSQL advisory lock that serializes writers of the chain.
_CHAIN_LOCK = 0x5357_4155  # "SWAU"


def audit_record(*, actor: Any = None, action: str, obj: models.Model | None = None,
                 detail: dict[str, Any] | None = None, actor_label: str = "") -> AuditEvent:
    """Append one event; ``actor`` is a user or None for the system (CLI, loaders).

    The new entry links to the last one. Writers are serialized (SQLite: the immediate
    transaction's write lock; PostgreSQL: an advisory lock held to the end of the transaction)
    so two never claim the same place in the chain. The entry carries a MAC of its hash
    under the audit key ring, and once the transaction commits the head checkpoint outside
    the database moves to it.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = actor_label or (user.get_username() if user is not None else "system")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev = (last[0] + 1, last[1]) if last and last[0] else (1, GENESIS)
        event = AuditEvent(actor=user, actor_label=label, action=action,
                           object_type=obj._meta.label_lower if obj is not None else "",
                           object_id=str(obj.pk) if obj is not None else "",
                           detail=detail or {}, seq=seq, prev_hash=prev, at=timezone.now())
        event.hash = entry_hash(prev, event.chain_fields())
        event.mac = entry_mac(*active_key(), event.hash)
        event.save()
        # After the commit only: a rolled-back entry must never become the checkpoint.
        transaction.on_commit(lambda: head_write(seq, event.hash), robust=True)
    return event


def audit_head_pin() -> dict[str, Any]:
    """The log's last entry as a signed head (``seq``, ``hash``, ``mac``), for a release to
    pin: whoever holds the release can later check the log still holds that entry unchanged
    (`stationwatch verify --expect-head RELEASE`). Empty when the log is."""
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    if not last or not last[0]:
        return {}
    head = head_signed(int(last[0]), str(last[1]))
    return {"seq": head.seq, "hash": head.hash, "mac": head.mac}


def audit_verify() -> tuple[int, ChainBreak | None]:
    """(entries checked, first break) of the whole chain, read in id order."""
    rows = AuditEvent.objects.order_by("id").values_list(
        "id", "seq", "prev_hash", "hash", "at", "actor_label", "action", "object_type",
        "object_id", "detail")

    def entries() -> Any:
        for pk, seq, prev, digest, at, actor, action, otype, oid, detail in rows.iterator(
                chunk_size=2000):
            yield Entry(id=pk, seq=seq or 0, prev_hash=prev, hash=digest, fields={
                "seq": seq, "at": at.isoformat(), "actor": actor, "action": action,
                "object_type": otype, "object_id": oid, "detail": detail})

    return verify_chain(entries())
