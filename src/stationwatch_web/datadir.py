"""The data directory is the owner's alone: created 0700, every file in it 0600 (0400 for the
write-once blobs), because it holds the database, its WAL, the secret key and the key rings.

The app sets its umask to 077 as it starts, so everything it creates is owner-only whatever
the shell's umask was; an existing directory or file that others can read is reported at
start, with the command that fixes it (the app does not silently change an operator's
choice).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

UMASK = 0o077


def secure_umask() -> None:
    os.umask(UMASK)


def data_dir_create(path: Path) -> None:
    """Create the data directory owner-only (an existing one is left as it is)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def permission_warnings(path: Path) -> list[str]:
    """One line per entry of the data directory (top level and evidence folders) that users
    other than the owner may read or enter."""
    if not path.exists():
        return []
    wide: list[str] = []
    entries = [path, *path.iterdir()]
    evidence = path / "evidence"
    if evidence.is_dir():
        entries += [p for p in evidence.rglob("*") if p.is_dir()]
    for entry in entries:
        try:
            mode = entry.lstat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_IMODE(mode) & 0o077:
            wide.append(f"{entry} ({stat.filemode(mode)})")
    if not wide:
        return []
    shown = ", ".join(wide[:5]) + (f" and {len(wide) - 5} more" if len(wide) > 5 else "")
    return [f"warning: other users of this machine may read the data directory: {shown}. "
            f"It holds the database, sessions' and keys' files: run `chmod -R go-rwx {path}`."]
