"""A content-addressed, write-once blob store.

Bytes live under their SHA-256 (``ab/cd/abcd...``). A blob is written to a temporary file in
its directory, synced, then hard-linked to its name: the link fails if the name exists, so a
stored blob is never overwritten, and a reader never sees a half-written one. ``verify``
re-hashes every blob and reports the ones whose bytes no longer match their name, and
temporary files left by a crash.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import StationwatchError

_NAME = re.compile(r"^[0-9a-f]{64}$")
_TMP_PREFIX = ".tmp-"


@dataclass(frozen=True)
class BlobProblem:
    path: Path
    problem: str


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if not _NAME.match(sha256):
            raise StationwatchError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> tuple[str, bool]:
        """Store ``data``; returns (sha256, created). Existing blobs are left untouched."""
        sha = hashlib.sha256(data).hexdigest()
        final = self.path_for(sha)
        if final.exists():
            return sha, False
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=final.parent)
        except OSError as exc:
            raise _storage_error(exc, self.root) from None
        try:
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:
                raise _storage_error(exc, self.root) from None
            os.chmod(tmp, 0o400)  # write-once, and its owner's alone
            try:
                os.link(tmp, final)  # atomic, and refuses to replace an existing name
                created = True
            except FileExistsError:
                created = False  # another writer stored the same bytes first
            _fsync_dir(final.parent)
        finally:
            os.unlink(tmp)
        return sha, created

    def get(self, sha256: str) -> bytes:
        try:
            return self.path_for(sha256).read_bytes()
        except FileNotFoundError:
            raise StationwatchError(f"blob {sha256} is not in the store {self.root}") from None

    def __contains__(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def remove_leftovers(self, *, older_than: float = 3600.0) -> list[Path]:
        """Remove temporary files of writes killed part-way (none is a blob yet), if older
        than ``older_than`` seconds, so a write still running is never touched."""
        if not self.root.exists():
            return []
        removed = []
        limit = time.time() - older_than
        for path in sorted(self.root.rglob(f"{_TMP_PREFIX}*")):
            try:
                if path.is_file() and path.stat().st_mtime < limit:
                    path.unlink()
                    removed.append(path)
            except FileNotFoundError:
                continue  # its writer finished or another cleaner was first
        return removed

    def verify(self) -> Iterator[BlobProblem]:
        """Blobs whose bytes do not hash to their name, files that are not blobs, and
        temporary files of interrupted writes."""
        if not self.root.exists():
            return
        for path in sorted(self.root.rglob("*")):
            if not path.is_file():
                continue
            if path.name.startswith(_TMP_PREFIX):
                yield BlobProblem(path, "leftover temporary file of an interrupted write")
            elif not _NAME.match(path.name) or path.parent.parent.parent != self.root:
                yield BlobProblem(path, "not a blob of this store")
            elif sha256_file(path) != path.name:
                yield BlobProblem(path, "bytes no longer match the blob's SHA-256")


class StorageFullError(StationwatchError):
    """The disk (or a quota or file-size limit) refused the write; nothing was stored."""


def _storage_error(exc: OSError, root: Path) -> StationwatchError:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return StorageFullError(f"storage full in {root}: nothing saved ({exc.strerror})")
    return StationwatchError(f"cannot write to the evidence store {root}: "
                             f"{exc.strerror or exc}")


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
