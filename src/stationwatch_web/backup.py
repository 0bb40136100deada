"""`stationwatch backup` and `restore`: the database and every evidence blob in one verified
archive, restored exactly.

The database is copied with SQLite's online backup API (a consistent snapshot while the app
runs, checked with ``PRAGMA integrity_check``) or ``pg_dump -Fc``. The archive carries a
manifest with the SHA-256 of every member, the row counts and the audit chain's head; it is
written to a temporary name, re-read and checked, then renamed. Restore checks the archive
before touching anything. Keys (the secret key, case keys) are not in the archive: keep them
apart from the data, as they are meant to be.

With a passphrase the whole archive is encrypted as it is written (``stationwatch.passfile``:
scrypt, AES-256-GCM in chunks): nothing of it, manifest included, is readable without the
passphrase, and no unencrypted copy of the database is ever written beside the archive.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.db import connection, connections

from stationwatch.errors import StationwatchError
from stationwatch.evidence.store import BlobStore, sha256_file
from stationwatch.passfile import DecryptingReader, EncryptingWriter, is_encrypted
from stationwatch_web.audit.keys import active_key, audit_keyring, head_write, keys_path

FORMAT = 1
#: Tables whose row counts the manifest records and restore compares.
COUNTED = ("evidence.Source", "evidence.Claim", "atlas.Station", "atlas.Response",
           "atlas.Bureau", "cases.Case", "audit.AuditEvent")


class BackupError(StationwatchError):
    """A backup that could not be made, or an archive that cannot be restored (says why)."""


@dataclass
class Manifest:
    created_at: str
    database: str
    counts: dict[str, int]
    audit_head: str
    files: dict[str, str]
    audit_seq: int = 0
    #: ``key id:HMAC-SHA256`` of everything above under the audit key ring, which is not in
    #: the archive: an archive edited and given a recomputed manifest does not carry it.
    signature: str = ""

    def as_json(self) -> str:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=1, sort_keys=True)

    def signed_content(self) -> bytes:
        fields = {k: v for k, v in self.__dict__.items() if k != "signature"}
        return json.dumps({"format": FORMAT, **fields}, sort_keys=True).encode("utf-8")

    def sign(self) -> None:
        kid, key = active_key()
        self.signature = f"{kid}:{_mac(key, self.signed_content())}"

    def unverified(self) -> str:
        """Why the signature cannot be trusted, or "" when it holds."""
        if not self.signature:
            return "its manifest is not signed (an archive from before signing, or forged)"
        kid, _, mac = self.signature.partition(":")
        ring = audit_keyring(create=False)
        if ring is None or kid not in ring.keys:
            return (f"its manifest is signed with audit key {kid!r}, which {keys_path()} does "
                    f"not hold (copy the original installation's audit key ring there first)")
        if not hmac.compare_digest(_mac(ring.keys[kid], self.signed_content()), mac):
            return "its manifest's signature does not match: the archive was altered"
        return ""


def _mac(key: bytes, data: bytes) -> str:
    return hmac.new(key, b"stationwatch backup manifest\n" + data, "sha256").hexdigest()


def counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def _audit_head() -> str:
    return _audit_last()[1]


def _audit_last() -> tuple[int, str]:
    from stationwatch_web.audit.models import AuditEvent

    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    return (int(last[0] or 0), str(last[1])) if last else (0, "")


def _dump_database(out: Path) -> str:
    if connection.vendor == "sqlite":
        source = sqlite3.connect(settings.SW.sqlite_path)
        target = sqlite3.connect(out)
        try:
            source.backup(target)
            ok = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
            source.close()
        if ok != "ok":
            raise BackupError(f"the database copy failed its integrity check: {ok}")
        return "sqlite"
    if connection.vendor == "postgresql":
        subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner",  # noqa: S603
                        f"--file={out}", _pg_url()], check=True, capture_output=True,
                       timeout=3600)
        return "postgresql"
    raise BackupError(f"no backup method for {connection.vendor}")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client tools")
    return path


def _pg_url() -> str:
    db = connection.settings_dict
    user = f"{db['USER']}@" if db.get("USER") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{user}{db.get('HOST') or 'localhost'}{port}/{db['NAME']}"


def _blobs() -> Iterator[Path]:
    root = settings.SW.data_dir / "evidence"
    if root.exists():
        yield from sorted(p for p in root.rglob("*") if p.is_file() and len(p.name) == 64)


def backup(archive: Path, *, passphrase: str | None = None) -> Manifest:
    """Write the archive (encrypted when a passphrase is given); the manifest it holds is
    returned."""
    archive = archive.resolve()
    if archive.exists():
        raise BackupError(f"{archive} exists: choose a new name (a backup never overwrites)")
    root = settings.SW.data_dir / "evidence"
    # The database copy is written where the data already is when the archive is to be
    # encrypted: an unencrypted copy on the backup drive, even deleted, could be recovered.
    work = settings.SW.data_dir if passphrase is not None else archive.parent
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        db_name = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
        db_file = Path(tmp) / db_name
        kind = _dump_database(db_file)
        files = {db_name: sha256_file(db_file)}
        blobs = list(_blobs())
        for blob in blobs:
            files[f"evidence/{blob.relative_to(root)}"] = blob.name  # named by their hash
        seq, head = _audit_last()
        manifest = Manifest(created_at=datetime.now(UTC).isoformat(), database=kind,
                            counts=counts(), audit_head=head, audit_seq=seq, files=files)
        manifest.sign()
        part = archive.with_name(archive.name + ".part")
        # Owner-only, whatever the umask: the archive holds the whole database.
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw:
                sink: IO[bytes] | EncryptingWriter = raw
                if passphrase is not None:
                    sink = EncryptingWriter(raw, passphrase)
                with tarfile.open(fileobj=sink, mode="w|gz") as tar:  # type: ignore[arg-type]
                    data = manifest.as_json().encode()
                    info = tarfile.TarInfo("manifest.json")
                    info.size = len(data)
                    tar.addfile(info, BytesIO(data))
                    tar.add(db_file, arcname=db_name)
                    for blob in blobs:
                        tar.add(blob, arcname=f"evidence/{blob.relative_to(root)}")
                sink.close()
            check(part, passphrase=passphrase)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        os.replace(part, archive)
    return manifest


@contextmanager
def _members(archive: Path, passphrase: str | None) -> Iterator[tarfile.TarFile]:
    """The archive as a tar stream read front to back, decrypted on the way when it is
    encrypted. Every error says what is wrong with the archive."""
    try:
        encrypted = is_encrypted(archive)
        if encrypted and passphrase is None:
            raise BackupError(f"{archive}: the archive is encrypted: give its passphrase")
        with open(archive, "rb") as raw:
            source: IO[bytes] | DecryptingReader = raw
            if encrypted and passphrase is not None:
                source = DecryptingReader(raw, passphrase, name=str(archive))
            with tarfile.open(fileobj=source, mode="r|gz") as tar:  # type: ignore[arg-type]
                yield tar
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{archive}: not a readable stationwatch backup ({exc})") from None


def check(archive: Path, *, passphrase: str | None = None) -> Manifest:
    """Read the archive through and compare every member with the manifest (its first)."""
    with _members(archive, passphrase) as tar:
        first = tar.next()
        member = tar.extractfile(first) if first and first.name == "manifest.json" else None
        if member is None:
            raise BackupError(f"{archive}: no manifest")
        try:
            raw = json.loads(member.read())
            if raw.get("format") != FORMAT:
                raise BackupError(f"{archive}: unknown archive format {raw.get('format')!r}")
            raw.pop("format")
            manifest = Manifest(**raw)
        except (json.JSONDecodeError, UnicodeDecodeError, TypeError, AttributeError) as exc:
            raise BackupError(f"{archive}: not a readable stationwatch backup ({exc})") from None
        seen = set()
        for info in tar:
            if info is first:  # iteration starts again with the members already read
                continue
            if not info.isfile() or info.name not in manifest.files:
                raise BackupError(f"{archive}: unexpected member {info.name!r}")
            fh = tar.extractfile(info)
            if fh is None:
                raise BackupError(f"{archive}: unreadable member {info.name!r}")
            digest = hashlib.file_digest(fh, "sha256")
            if digest.hexdigest() != manifest.files[info.name]:
                raise BackupError(f"{archive}: {info.name} does not match its hash")
            seen.add(info.name)
        missing = set(manifest.files) - seen
        if missing:
            raise BackupError(f"{archive}: missing {sorted(missing)[:3]}")
        return manifest


def _has_data() -> bool:
    try:
        return any(counts().values())
    except Exception:  # no schema yet: an empty target
        return False


def restore(archive: Path, *, force: bool = False,
            passphrase: str | None = None) -> dict[str, Any]:
    """Restore the archive into the configured database and data directory.

    The manifest must be signed by this installation's audit key ring; with ``force`` an
    archive whose signature cannot be checked is restored anyway, and the result says what
    could not be checked. An encrypted archive needs its passphrase: a wrong one is an error
    before anything is touched.
    """
    manifest = check(archive, passphrase=passphrase)
    unchecked = manifest.unverified()
    if unchecked and not force:
        raise BackupError(f"{archive}: refused: {unchecked}. Restore with --force only if you "
                          f"trust the archive by other means")
    if manifest.database != connection.vendor:
        raise BackupError(f"the archive holds a {manifest.database} database; this "
                          f"installation uses {connection.vendor}")
    if _has_data() and not force:
        raise BackupError("the database is not empty: restore with --force to replace it")
    root = settings.SW.data_dir / "evidence"
    with tempfile.TemporaryDirectory(dir=settings.SW.data_dir) as tmp:
        with _members(archive, passphrase) as tar:
            tar.extractall(tmp, filter="data")
        db_file = next(Path(tmp).glob("database.*"))
        if sha256_file(db_file) != manifest.files.get(db_file.name):  # changed since checked
            raise BackupError(f"{archive}: {db_file.name} does not match its hash")
        connections.close_all()
        if manifest.database == "sqlite":
            target = settings.SW.sqlite_path
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(db_file, f"{target}.restoring")
            os.replace(f"{target}.restoring", target)
        else:
            subprocess.run([_tool("pg_restore"), "--clean", "--if-exists",  # noqa: S603
                            "--no-owner", f"--dbname={_pg_url()}", str(db_file)], check=True,
                           capture_output=True, timeout=3600)
        extracted = Path(tmp) / "evidence"
        store = BlobStore(root)
        for blob in extracted.rglob("*") if extracted.exists() else []:
            if blob.is_file():
                sha, _ = store.put(blob.read_bytes())  # write-once, named by its hash
                if sha != blob.name:
                    raise BackupError(f"blob {blob.name} does not match its hash")
    now = counts()
    if now != manifest.counts:
        raise BackupError(f"restored counts {now} differ from the archive's {manifest.counts}")
    seq, head = _audit_last()
    if head != manifest.audit_head:
        raise BackupError("the restored audit chain's head differs from the archive's")
    # The log is now the archive's: its head becomes the checkpoint (a restore may move it
    # back in time, which is what restoring means).
    if seq:
        head_write(seq, head, force=True)
    return {"counts": now, "audit_head": manifest.audit_head, "unchecked": unchecked,
            "blobs": sum(1 for name in manifest.files if name.startswith("evidence/"))}
