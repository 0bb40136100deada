"""Encryption of case fields at rest: AES-256-GCM with associated data, keys kept outside the
database in a key ring (a JSON file or the environment), rotation by re-sealing.

A sealed value is ``b"SW1" + key-id length + key id + 12-byte nonce + ciphertext``. The
associated data binds it to its row and field, so a ciphertext copied into another case or
field does not open.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import ConfigError, StationwatchError

MAGIC = b"SW1"


class SealError(StationwatchError):
    """A sealed value that cannot be opened: unknown key, wrong row or field, or tampered."""


@dataclass
class KeyRing:
    active: str
    keys: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def new(cls) -> KeyRing:
        kid = f"k{secrets.token_hex(4)}"
        return cls(active=kid, keys={kid: AESGCM.generate_key(bit_length=256)})

    @classmethod
    def from_json(cls, text: str, origin: str) -> KeyRing:
        try:
            raw = json.loads(text)
            keys = {str(k): base64.b64decode(v, validate=True) for k, v in raw["keys"].items()}
            ring = cls(active=str(raw["active"]), keys=keys)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{origin}: not a case key ring ({exc})") from None
        if ring.active not in ring.keys or any(len(k) != 32 for k in ring.keys.values()):
            raise ConfigError(f"{origin}: the active key is missing or a key is not 256 bits")
        return ring

    def to_json(self) -> str:
        return json.dumps({"active": self.active, "keys": {
            k: base64.b64encode(v).decode("ascii") for k, v in self.keys.items()}}, indent=1)

    def rotated(self) -> KeyRing:
        """A ring whose new active key seals from now on; old keys still open old values."""
        fresh = KeyRing.new()
        return KeyRing(active=fresh.active, keys={**self.keys, **fresh.keys})

    def only_active(self) -> KeyRing:
        return KeyRing(active=self.active, keys={self.active: self.keys[self.active]})

    def seal(self, plaintext: str, aad: bytes) -> bytes:
        kid = self.active.encode("ascii")
        nonce = os.urandom(12)
        ct = AESGCM(self.keys[self.active]).encrypt(nonce, plaintext.encode("utf-8"), aad)
        return MAGIC + bytes([len(kid)]) + kid + nonce + ct

    def key_id(self, sealed: bytes) -> str:
        if not sealed.startswith(MAGIC) or len(sealed) < 4:
            raise SealError("not a sealed value")
        n = sealed[3]
        return sealed[4:4 + n].decode("ascii", "replace")

    def open(self, sealed: bytes, aad: bytes) -> str:
        kid = self.key_id(sealed)
        key = self.keys.get(kid)
        if key is None:
            raise SealError(f"sealed with key {kid!r}, which this key ring does not hold")
        start = 4 + sealed[3]
        nonce, ct = sealed[start:start + 12], sealed[start + 12:]
        try:
            return AESGCM(key).decrypt(nonce, ct, aad).decode("utf-8")
        except InvalidTag:
            raise SealError("does not open: tampered, or moved from another row or field"
                            ) from None


def load_keyring(path: Path, env_value: str = "") -> KeyRing | None:
    """The key ring from the environment value, else the file; None when neither exists."""
    if env_value:
        return KeyRing.from_json(env_value, "environment STATIONWATCH_CASE_KEYS")
    if path.is_file():
        return KeyRing.from_json(path.read_text(encoding="utf-8"), str(path))
    return None


def save_keyring(ring: KeyRing, path: Path) -> None:
    """Write the ring readable by its owner only, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(ring.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
