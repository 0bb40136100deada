"""Offline language identification with CLD2 (pycld2 ships its model in the extension)."""

from __future__ import annotations

import pycld2

UNKNOWN = "und"


def detect_language(text: str) -> str:
    """ISO 639-1 code of the main language ('zh' for both Chinese scripts), or 'und'."""
    sample = text[:100_000]
    # CLD2 refuses some control and surrogate code points; they carry no language anyway.
    sample = "".join(ch for ch in sample if ch.isprintable() or ch in "\n\t")
    sample = sample.encode("utf-8", "ignore").decode("utf-8")
    try:
        _, _, details = pycld2.detect(sample)
    except pycld2.error:
        return UNKNOWN
    code = str(details[0][1])
    if code in {"un", "xxx", ""}:
        return UNKNOWN
    return code.split("-")[0]
