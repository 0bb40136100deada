"""Passphrase-encrypted files, on real files: what goes in comes out, and a wrong passphrase,
a cut, an altered byte, a reordered or added chunk, or a crafted header is refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stationwatch.passfile import (
    CHUNK,
    MAGIC,
    TAG,
    DamagedError,
    DecryptingReader,
    EncryptingWriter,
    PassphraseError,
    is_encrypted,
)

WORDS = "mauve lantern quietly orbits"
HEADER = len(MAGIC) + 16 + 3 + TAG


def seal(path: Path, data: bytes, passphrase: str = WORDS, pieces: int = 7) -> None:
    with path.open("wb") as raw, EncryptingWriter(raw, passphrase) as out:
        step = max(1, len(data) // pieces)
        for i in range(0, len(data), step):
            out.write(data[i:i + step])


def unseal(path: Path, passphrase: str = WORDS, size: int = 5000) -> bytes:
    with path.open("rb") as raw:
        reader = DecryptingReader(raw, passphrase, name=path.name)
        parts = []
        while chunk := reader.read(size):
            parts.append(chunk)
        return b"".join(parts)


@pytest.mark.parametrize(("length", "size"), [(0, -1), (CHUNK - 1, 5000), (CHUNK, -1),
                                              (CHUNK + 1, CHUNK), (200_000, 5000)])
def test_what_is_sealed_opens_with_its_passphrase_at_every_length(tmp_path, length, size):
    data = os.urandom(length)
    path = tmp_path / "f"
    seal(path, data)
    assert is_encrypted(path)
    assert length < 64 or data[:64] not in path.read_bytes()
    assert unseal(path, size=size) == data


def test_a_wrong_passphrase_is_named_before_any_data_is_read(tmp_path):
    path = tmp_path / "f"
    seal(path, b"evidence" * 1000)
    with pytest.raises(PassphraseError, match="passphrase does not open it"):
        unseal(path, "mauve lantern quietly orbit")


def test_a_short_passphrase_is_refused_when_sealing(tmp_path):
    with (tmp_path / "f").open("wb") as raw, pytest.raises(PassphraseError, match="at least 12"):
        EncryptingWriter(raw, "short words")


def test_the_same_words_in_another_unicode_form_open_it(tmp_path):
    path = tmp_path / "f"
    seal(path, b"x" * 10, passphrase="cafe\u0301 au lait noir")  # e + combining accent
    assert unseal(path, "caf\u00e9 au lait noir") == b"x" * 10


@pytest.fixture(scope="module")
def sealed(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("sealed") / "f"
    seal(path, os.urandom(3 * CHUNK + 100))
    return path.read_bytes()


def damaged(tmp_path: Path, sealed: bytes, change) -> Path:
    path = tmp_path / "f"
    path.write_bytes(bytes(change(bytearray(sealed))))
    return path


FULL = CHUNK + TAG


@pytest.mark.parametrize(("change", "message"), [
    (lambda b: b[:HEADER + 3 * FULL], "cut short"),  # the last chunk removed
    (lambda b: b[:-1], "cut short"),
    (lambda b: b[:HEADER], "cut short"),
    (lambda b: b[:HEADER + 10] + bytes([b[HEADER + 10] ^ 1]) + b[HEADER + 11:], "altered"),
    (lambda b: b[:HEADER] + b[HEADER + FULL:HEADER + 2 * FULL] + b[HEADER:HEADER + FULL]
     + b[HEADER + 2 * FULL:], "altered"),  # two chunks swapped
    (lambda b: b + b[HEADER:HEADER + FULL], "altered"),  # a chunk added
])
def test_a_cut_altered_reordered_or_extended_file_does_not_open(tmp_path, sealed, change,
                                                                message):
    with pytest.raises(DamagedError, match=message):
        unseal(damaged(tmp_path, sealed, change))


def test_a_header_asking_for_huge_work_is_refused_before_deriving(tmp_path, sealed):
    at = len(MAGIC) + 16  # the scrypt cost's byte
    path = damaged(tmp_path, sealed, lambda b: b[:at] + bytes([40]) + b[at + 1:])
    with pytest.raises(DamagedError, match="outside what is accepted"):
        unseal(path)
    other = tmp_path / "plain"
    other.write_bytes(b"\x1f\x8b plain gzip")
    assert not is_encrypted(other)
    with other.open("rb") as raw, pytest.raises(DamagedError, match="not a stationwatch"):
        DecryptingReader(raw, WORDS)
