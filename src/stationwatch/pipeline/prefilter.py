"""A prefilter on raw payload bytes that never drops a record the extractor may call relevant.

A document is relevant only if its main text holds a strong station term, or a China cue (a
``china`` term or a bureau name) together with a second cue (a ``police``, ``weak`` or
``return_cues`` term): see pipeline/anchors.py, which turns every such term into byte patterns
in every spelling and encoding. Hyperscan reports which group matched; a record passes on a
strong term, or on a China cue and a second cue. Second cues are first looked for as listed
(with the diacritics of their listed spellings); only when a record has a China cue and no such
second cue are they looked for again with any diacritic their languages write (a slower
database, rarely needed: nearly every page holds some second cue).

The compiled databases are cached in the cache directory (``settings.cache_dir``), named by a
digest of everything they are built from, like the matcher's automaton: a process loads them
in milliseconds, once (a module-level cache), on its first record. Without Hyperscan (no wheel
on non-x86), the terms are looked for in the decoded, folded text with pyahocorasick.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import vocab
from ..ingest.decode import utf16_without_bom
from ..settings import load_settings
from . import anchors
from .anchors import CHINA, GROUP_NAMES, SECOND, STRONG

log = logging.getLogger(__name__)

#: Dependencies whose version changes what is compiled.
_VERSIONED = ("stationwatch", "hyperscan", "opencc", "babel")


@dataclass(frozen=True)
class Expression:
    pattern: bytes
    group: int
    caseless: bool = True


#: The databases, scanned in this order as needed: strong terms and China cues over every
#: record; second cues as listed, over records with a China cue and no strong term (they stop
#: at the first, usually in the page's head); second cues with any diacritic, over records
#: that still lack one.
DATABASES = (((STRONG, CHINA), False), (SECOND, False), (SECOND, True))


def decided(found: set[int]) -> bool:
    """The groups found meet the relevance condition (vocab.may_be_about_stations)."""
    return vocab.may_be_about_stations({GROUP_NAMES[g] for g in found})


def expressions(groups: tuple[int, ...], diacritics: bool = False) -> list[Expression]:
    """The expressions of the terms of ``groups`` (see anchors.expressions)."""
    out: dict[tuple[bytes, int, bool], None] = {}
    for term in anchors.terms():
        if term.group in groups:
            for pattern in anchors.expressions(term, diacritics=diacritics):
                out[(pattern, term.group, not term.upper)] = None
    return [Expression(p, g, c) for p, g, c in out]


def cache_path() -> Path:
    """Named by a digest of the vocabulary, the code that compiles it and its libraries."""
    h = hashlib.sha256()
    for part in anchors.sources():
        h.update(hashlib.sha256(part).digest())
    h.update(Path(__file__).read_bytes())
    for dist in _VERSIONED:
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(dist.encode())
    return load_settings().cache_dir / f"prefilter-{h.hexdigest()[:20]}.hsdb"


class Prefilter:
    """``passes(payload)``: False only when no relevant main text can come from the bytes."""

    def __init__(self, find: Callable[..., set[int]]) -> None:
        # (database, payload, stop once decided[, groups already found]) -> groups
        self._find = find

    def groups(self, payload: bytes) -> set[int]:
        """Every group with an anchor in the bytes (diagnostics and tests)."""
        found = self._find(0, payload, False)
        found |= self._find(1, payload, False)
        return found | self._find(2, payload, False)

    def passes(self, payload: bytes) -> bool:
        found = self._find(0, payload, True)
        if STRONG in found:
            return True
        if CHINA not in found:
            return False
        for database in (1, 2):  # second cues as listed, then with any diacritic
            found |= self._find(database, payload, True, frozenset(found))
            if decided(found):
                return True
        return False


def _hyperscan_prefilter() -> Prefilter:
    import hyperscan

    path = cache_path()

    def load() -> list[Any]:
        return [hyperscan.loadb(blob, hyperscan.HS_MODE_BLOCK)
                for blob in _unpack(path.read_bytes())]

    try:
        dbs = load()
    except (OSError, ValueError, hyperscan.error):
        with _one_compiler(path):
            try:  # compiled by the process that held the lock before us
                dbs = load()
            except (OSError, ValueError, hyperscan.error):
                dbs = [_compile(expressions(groups, diacritics))
                       for groups, diacritics in DATABASES]
                _store(path, _pack([hyperscan.dumpb(db) for db in dbs]))
    local = threading.local()  # a scratch space per thread, as Hyperscan requires

    def find(i: int, payload: bytes, stop: bool, known: frozenset[int] = frozenset()
             ) -> set[int]:
        spaces = getattr(local, "spaces", None)
        if spaces is None:
            spaces = local.spaces = [hyperscan.Scratch(db) for db in dbs]
        found: set[int] = set()

        def on_match(group: int, *_: object) -> bool:
            found.add(group)
            if i == 0:
                return stop and group == STRONG
            return stop and decided(found | set(known))

        with contextlib.suppress(hyperscan.ScanTerminated):  # stopped at a decisive match
            dbs[i].scan(payload, match_event_handler=on_match, scratch=spaces[i])
        return found

    return Prefilter(find)


@contextlib.contextmanager
def _one_compiler(path: Path) -> Iterator[None]:
    """Held while compiling: scan workers (or test processes) started together wait for the
    first to write the cache instead of each spending the compile's CPU again. Where file locks
    are unavailable (Windows, a read-only cache directory) each process compiles."""
    try:
        import fcntl

        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.with_suffix(".lock"), "ab")  # noqa: SIM115 (held across the yield)
    except (ImportError, OSError):
        yield
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _compile(exprs: list[Expression]) -> Any:
    import hyperscan

    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    flags = [hyperscan.HS_FLAG_SINGLEMATCH | (hyperscan.HS_FLAG_CASELESS if e.caseless else 0)
             for e in exprs]
    db.compile(expressions=[e.pattern for e in exprs], ids=[e.group for e in exprs],
               elements=len(exprs), flags=flags)
    return db


def _pack(blobs: list[bytes]) -> bytes:
    return b"SWPF" + struct.pack("<I", len(blobs)) + b"".join(
        struct.pack("<Q", len(b)) + b for b in blobs)


def _unpack(data: bytes) -> list[bytes]:
    if data[:4] != b"SWPF" or struct.unpack_from("<I", data, 4)[0] != len(DATABASES):
        raise ValueError("not a prefilter cache file")
    out, pos = [], 8
    for _ in DATABASES:
        (size,) = struct.unpack_from("<Q", data, pos)
        out.append(data[pos + 8:pos + 8 + size])
        pos += 8 + size
        if len(out[-1]) != size:
            raise ValueError("truncated prefilter cache file")
    return out


def _store(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic: readers see a whole file or none
    except OSError as exc:
        log.info("prefilter cache not written (%s); it will be compiled again next time", exc)


def _text_prefilter() -> Prefilter:
    """Without Hyperscan: the bytes decoded as the loader decodes them, HTML entities
    unescaped, folded as the matcher folds, and every term's normalized form looked for with
    pyahocorasick under the matcher's word boundaries (slower than Hyperscan, as exact)."""
    import html
    import unicodedata

    import ahocorasick

    from ..ingest.decode import decode
    from ..text.fold import _MARKS
    from ..text.normalize import _t2s

    automaton: Any = ahocorasick.Automaton()
    by_key: dict[str, list[anchors.Term]] = {}
    for term in anchors.terms():
        by_key.setdefault(term.key, []).append(term)
    for key, group_terms in by_key.items():
        automaton.add_word(key, (key, tuple(group_terms)))
    automaton.make_automaton()
    combining = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text)
        return combining.sub("", text).translate(_MARKS).casefold()

    def groups(text: str) -> set[int]:
        found: set[int] = set()
        for end, (key, group_terms) in automaton.iter(text):
            start, stop = end - len(key) + 1, end + 1
            if anchors.is_latin(key[0]) and start > 0 and text[start - 1].isalnum():
                continue
            whole = not (anchors.is_latin(key[-1]) and stop < len(text) and text[stop].isalnum())
            found.update(t.group for t in group_terms if t.stem or whole)
        return found

    last: list[Any] = [None, set()]

    def find(i: int, payload: bytes, stop: bool, known: frozenset[int] = frozenset()
             ) -> set[int]:
        if last[0] is not payload:
            text = html.unescape(decode(payload)[0])
            simplified = _t2s().convert(text)
            found = groups(fold(simplified))
            if len(simplified) != len(text):  # a phrase rule changed the length
                found |= groups(fold(text))
            last[:] = [payload, found]
        return last[1] & set(DATABASES[i][0]) if i < 2 else set()  # (one pass finds all)

    return Prefilter(find)


@cache
def prefilter() -> Prefilter:
    """The process's prefilter: loaded (or compiled and cached) on first use, then kept."""
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return _text_prefilter()
    return _hyperscan_prefilter()


def may_be_relevant(payload: bytes) -> bool:
    """False only when the bytes hold no strong term and no China cue with a second cue."""
    if b"\x00" in payload[:4000]:  # UTF-16 (rare): read it as the extractor would
        payload = _as_utf8(payload)
    return prefilter().passes(payload)


def _as_utf8(payload: bytes) -> bytes:
    if payload[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return payload.decode("utf-16", errors="replace").encode("utf-8")
    codec = utf16_without_bom(payload)
    return payload.decode(codec, errors="replace").encode("utf-8") if codec else payload
