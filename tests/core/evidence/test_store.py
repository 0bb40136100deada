"""The content-addressed, write-once blob store."""

import hashlib
import os

import pytest

from stationwatch.errors import StationwatchError
from stationwatch.evidence import BlobStore


def test_bytes_are_stored_under_their_hash_once(tmp_path):
    store = BlobStore(tmp_path)
    sha, created = store.put(b"evidence")
    assert created and sha == hashlib.sha256(b"evidence").hexdigest()
    assert store.get(sha) == b"evidence" and sha in store
    assert store.put(b"evidence") == (sha, False)
    assert store.path_for(sha).relative_to(tmp_path).parts == (sha[:2], sha[2:4], sha)
    assert not list(tmp_path.rglob(".tmp-*"))  # nothing half-written left behind
    assert list(store.verify()) == []


def test_a_stored_blob_is_never_overwritten_and_tampering_is_detected(tmp_path):
    store = BlobStore(tmp_path)
    sha, _ = store.put(b"original words")
    path = store.path_for(sha)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[0] ^= 0x01  # flip one bit of one byte
    path.write_bytes(bytes(data))
    assert store.put(b"original words") == (sha, False)  # the tampered file is not "fixed"
    problems = list(store.verify())
    assert [p.problem for p in problems] == ["bytes no longer match the blob's SHA-256"]
    assert problems[0].path == path


def test_leftovers_and_strangers_are_reported(tmp_path):
    store = BlobStore(tmp_path)
    sha, _ = store.put(b"x")
    (store.path_for(sha).parent / ".tmp-abc").write_bytes(b"partial")
    (tmp_path / "notes.txt").write_text("hello")
    problems = {p.path.name: p.problem for p in store.verify()}
    assert "interrupted write" in problems[".tmp-abc"]
    assert problems["notes.txt"] == "not a blob of this store"


def test_names_must_be_digests(tmp_path):
    with pytest.raises(StationwatchError, match="not a SHA-256"):
        BlobStore(tmp_path).get("../../etc/passwd")
    with pytest.raises(StationwatchError, match="not in the store"):
        BlobStore(tmp_path).get("0" * 64)
