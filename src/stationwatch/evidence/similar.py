"""Near-duplicate detection: MinHash signatures (datasketch) of a text's character shingles,
cut into LSH bands whose keys a database can index.

Syndicated copies of one story carry the same body under other headlines, bylines and page
furniture; character shingles of the folded text, with spaces and punctuation dropped, match
them across sites and scripts alike (Chinese has no spaces to shingle words on).
"""

from __future__ import annotations

import hashlib
import unicodedata

import numpy as np
from datasketch import MinHash

from ..text.fold import fold

NUM_PERM = 128
BANDS, ROWS = 32, 4  # a pair at Jaccard 0.7 shares a band with probability > 0.999
SHINGLE = 9
#: Estimated Jaccard similarity from which two texts are one story.
SAME_STORY = 0.7
_SEED = 1


def _shingles(text: str) -> set[bytes]:
    letters = "".join(ch for ch in fold(text)
                      if unicodedata.category(ch)[0] in "LN")
    if len(letters) <= SHINGLE:
        return {letters.encode("utf-8")} if letters else set()
    return {letters[i:i + SHINGLE].encode("utf-8") for i in range(len(letters) - SHINGLE + 1)}


def signature(text: str) -> bytes | None:
    """The MinHash signature of ``text`` as bytes (None when the text is too short to judge)."""
    shingles = _shingles(text)
    if len(shingles) < 20:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED)
    mh.update_batch(list(shingles))
    return np.asarray(mh.hashvalues, dtype="<u4").tobytes()


def _values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype="<u4")


def band_keys(sig: bytes) -> list[str]:
    """One key per LSH band: texts sharing any key are candidates for the same story."""
    values = _values(sig)
    out = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS].tobytes()
        out.append(f"{band:02d}" + hashlib.blake2b(chunk, digest_size=10).hexdigest())
    return out


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    va, vb = _values(a), _values(b)
    if va.shape != vb.shape:
        return 0.0
    return float(np.count_nonzero(va == vb)) / len(va)
