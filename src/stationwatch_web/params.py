"""Free-text request parameters made safe to query with: control characters (PostgreSQL
refuses NUL in text) dropped, length capped. What remains simply matches nothing if odd."""

from __future__ import annotations

from typing import Any


def clean_param(value: Any, max_len: int = 200) -> str:
    text = str(value or "")[:max_len * 4]
    return "".join(ch for ch in text if ch >= " " and ch != "\x7f").strip()[:max_len]
