"""Files encrypted with a passphrase, written and read as streams: backups that open nothing
for whoever takes the drive.

The key is derived with scrypt (``cryptography``; a random salt per file, cost ``2**17``, r 8,
p 1: 128 MiB and about half a second, so each guess costs as much) and the data sealed with
AES-256-GCM in chunks of 64 KiB, as age's STREAM does it (the construction of Hoang, Reyhanitabar,
Rogaway and Vizár, "Online authenticated-encryption and its nonce-reuse misuse-resistance"):
chunk ``i`` is sealed under the nonce ``i`` (11 bytes, big-endian) ``||`` ``1`` for the last chunk
and ``0`` otherwise, with the header as associated data. So a reordered, removed, altered or cut
chunk fails to open, and a file cut at a chunk boundary fails at its end. Never held whole in
memory, whatever its size.

Layout: ``MAGIC`` (16 bytes), salt (16), log2 of the scrypt cost (1), r (1), p (1), a GCM tag
of the header under the key (16; the nonce ``ff``*12 no chunk uses), then the chunks, each
up to 64 KiB of ciphertext and its 16-byte tag. The header's tag tells a wrong passphrase from
a damaged file before any data is read.
"""

from __future__ import annotations

import os
import unicodedata
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import StationwatchError

MAGIC = b"stationwatch-pf1"
CHUNK = 64 * 1024
TAG = 16
LOG_N, R, P = 17, 8, 1
#: Work factors a reader accepts: a header asking for more is refused before deriving (age
#: caps it likewise), so a crafted file cannot make a restore spend minutes and gigabytes.
MAX_LOG_N = 20
MIN_PASSPHRASE = 12
_HEADER_NONCE = b"\xff" * 12
_HEADER = len(MAGIC) + 16 + 3


class PassphraseError(StationwatchError):
    """A passphrase that is too short, or that does not open the file."""


class DamagedError(StationwatchError):
    """An encrypted file that was altered, cut or is not one (says where)."""


def is_encrypted(path: os.PathLike[str] | str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def check_passphrase(passphrase: str) -> str:
    """The passphrase as it is used (Unicode NFC, so the same words typed on another system
    match), or an error when it is shorter than ``MIN_PASSPHRASE`` characters."""
    normal = unicodedata.normalize("NFC", passphrase)
    if len(normal) < MIN_PASSPHRASE:
        raise PassphraseError(f"the passphrase has {len(normal)} characters: use at least "
                              f"{MIN_PASSPHRASE} (several words are easier to remember)")
    return normal


def _derive(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> AESGCM:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    key = Scrypt(salt=salt, length=32, n=2 ** log_n, r=r, p=p).derive(secret)
    return AESGCM(key)


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter:
    """A binary writer that seals what it is given into ``raw``; ``close`` seals the last
    chunk (it must be called: a file without its last chunk does not open)."""

    def __init__(self, raw: BinaryIO, passphrase: str) -> None:
        salt = os.urandom(16)
        self._header = MAGIC + salt + bytes([LOG_N, R, P])
        self._aead = _derive(check_passphrase(passphrase), salt, LOG_N, R, P)
        self._raw = raw
        self._raw.write(self._header + self._aead.encrypt(_HEADER_NONCE, b"", self._header))
        self._buffer = bytearray()
        self._counter = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep one chunk back: it may be the last
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        self._raw.write(self._aead.encrypt(_nonce(self._counter, last), chunk, self._header))
        self._counter += 1

    def flush(self) -> None:
        self._raw.flush()

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._raw.flush()
            self.closed = True

    def __enter__(self) -> EncryptingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DecryptingReader:
    """A binary reader of what ``EncryptingWriter`` sealed; a wrong passphrase raises
    ``PassphraseError`` when opened, a damaged chunk ``DamagedError`` when reached."""

    def __init__(self, raw: BinaryIO, passphrase: str, *, name: str = "the file") -> None:
        self._raw, self._name = raw, name
        header = raw.read(_HEADER + TAG)
        if len(header) < _HEADER + TAG or not header.startswith(MAGIC):
            raise DamagedError(f"{name}: not a stationwatch encrypted file")
        self._header, tag = header[:_HEADER], header[_HEADER:]
        salt, (log_n, r, p) = header[len(MAGIC):len(MAGIC) + 16], header[_HEADER - 3:_HEADER]
        if not (10 <= log_n <= MAX_LOG_N and 1 <= r <= 32 and 1 <= p <= 4):
            raise DamagedError(f"{name}: its key derivation settings (2**{log_n}, r {r}, p {p}) "
                               f"are outside what is accepted: altered, or not ours")
        self._aead = _derive(passphrase, salt, log_n, r, p)
        try:
            self._aead.decrypt(_HEADER_NONCE, tag, self._header)
        except InvalidTag:
            raise PassphraseError(f"{name}: the passphrase does not open it (wrong passphrase, "
                                  f"or its header was altered)") from None
        self._counter = 0
        self._pending = raw.read(CHUNK + TAG)
        self._plain = bytearray()
        self._done = False

    def _open_next(self) -> None:
        sealed = self._pending
        self._pending = self._raw.read(CHUNK + TAG)
        last = not self._pending
        offset = _HEADER + TAG + self._counter * (CHUNK + TAG)
        try:
            self._plain += self._aead.decrypt(_nonce(self._counter, last), sealed,
                                              self._header)
        except InvalidTag:
            what = "cut short or altered" if last else "altered"
            raise DamagedError(f"{self._name}: {what} (the chunk at byte {offset} does not "
                               f"open)") from None
        self._counter += 1
        self._done = last

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._plain) < size):
            self._open_next()
        if size < 0:
            size = len(self._plain)
        out = bytes(self._plain[:size])
        del self._plain[:size]
        return out

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._plain.clear()
