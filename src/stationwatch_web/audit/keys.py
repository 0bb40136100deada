"""What makes the audit log evident against someone who can write the database: a key ring
outside the database (``audit-keys.json`` in the data directory, owner-only, or the
``audit_keys_file`` setting) and a checkpoint of the chain's head outside it (``audit-head``
in the data directory).

The key ring is created on first use and never loses a key: a rotation adds a new active key
and every older entry still verifies under the key its MAC names. The checkpoint is rewritten
after each commit that appends to the log, never moved backwards, and carries its own MAC, so
a database whose log ends before the checkpoint has lost its tail.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from stationwatch.auditchain import head_mac, mac_key_id, mac_matches
from stationwatch.errors import ConfigError
from stationwatch.sealing import KeyRing, load_keyring, save_keyring

HEAD_FILE = "audit-head"


def keys_path() -> Path:
    sw = settings.SW
    return Path(sw.audit_keys_file) if sw.audit_keys_file else sw.data_dir / "audit-keys.json"


_cached: dict[str, tuple[int, KeyRing]] = {}


def audit_keyring(*, create: bool = True) -> KeyRing | None:
    """The audit key ring; created (once, whoever is first) when missing and ``create``."""
    path = keys_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        if not create:
            return None
        _create_once(path)
        mtime = path.stat().st_mtime_ns
    hit = _cached.get(str(path))
    if hit is not None and hit[0] == mtime:
        return hit[1]
    ring = load_keyring(path)
    if ring is None:
        raise ConfigError(f"{path}: the audit key ring vanished while being read")
    _cached[str(path)] = (mtime, ring)
    return ring


def active_key() -> tuple[str, bytes]:
    """(key id, key) that keys new entries and checkpoints."""
    ring = audit_keyring()
    if ring is None:  # pragma: no cover - create=True always returns a ring
        raise ConfigError(f"no audit key ring at {keys_path()}")
    return ring.active, ring.keys[ring.active]


def _create_once(path: Path) -> None:
    """Write a new ring under a temporary name and link it into place: two processes
    starting at once end up with the same ring, never one each."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    save_keyring(KeyRing.new(), tmp)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def audit_keys_rotate() -> str:
    """A new active key for entries from now on; the old keys stay to verify older ones."""
    ring = audit_keyring()
    if ring is None:  # pragma: no cover - create=True always returns a ring
        raise ConfigError(f"no audit key ring at {keys_path()}")
    new = ring.rotated()
    save_keyring(new, keys_path())
    _cached.clear()
    return f"audit entries are now keyed with {new.active}; kept {', '.join(sorted(ring.keys))} " \
           f"to verify older entries"


@dataclass(frozen=True)
class Head:
    """A checkpoint of the chain: entry ``seq`` had hash ``hash``."""

    seq: int
    hash: str
    mac: str

    def __str__(self) -> str:
        return f"seq {self.seq} hash {self.hash} mac {self.mac}"


def head_path() -> Path:
    return settings.SW.data_dir / HEAD_FILE


def head_read() -> Head | None:
    """The checkpoint, or None when there is none. A file that is not one raises."""
    path = head_path()
    try:
        raw = json.loads(path.read_text(encoding="ascii"))
        return Head(seq=int(raw["seq"]), hash=str(raw["hash"]), mac=str(raw["mac"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not an audit head checkpoint ({exc})") from None


def head_signed(seq: int, digest: str) -> Head:
    kid, key = active_key()
    return Head(seq=seq, hash=digest, mac=head_mac(kid, key, seq, digest))


def head_authentic(head: Head) -> bool:
    ring = audit_keyring(create=False)
    kid = mac_key_id(head.mac)
    if ring is None or kid not in ring.keys:
        return False
    return mac_matches(head_mac(kid, ring.keys[kid], head.seq, head.hash), head.mac)


@contextlib.contextmanager
def _head_lock() -> Iterator[None]:
    lock = settings.SW.data_dir / f".{HEAD_FILE}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def head_write(seq: int, digest: str, *, force: bool = False) -> Head:
    """Checkpoint entry ``seq``; an older checkpoint never replaces a newer one unless
    ``force`` (a restore, which moves the log itself)."""
    head = head_signed(seq, digest)
    path = head_path()
    with _head_lock():
        if not force:
            try:
                current = head_read()
            except ConfigError:
                current = None
            if current is not None and current.seq >= seq:
                return current
        tmp = path.with_name(f".{HEAD_FILE}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(json.dumps({"seq": head.seq, "hash": head.hash, "mac": head.mac}) + "\n")
        os.replace(tmp, path)
    return head
