"""Partial dates as reporting gives them: "2022", "2022-10", "2022-10-25", "2023 (approx. Aug)"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

_LEADING = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(.*)$", re.S)


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, month or day; ``approximate`` when the text hedges."""

    start: dt.date
    precision: Precision
    approximate: bool
    text: str

    def __str__(self) -> str:
        return self.text


def parse_partial_date(text: str) -> PartialDate:
    """Parse the leading ISO-like date of ``text``; raise ``ValueError`` naming the text."""
    m = _LEADING.match(text)
    if not m:
        raise ValueError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day, rest = m.groups()
    precision: Precision = "day" if day else "month" if month else "year"
    try:
        start = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"not a date: {text!r} ({exc})") from None
    rest = rest.strip()
    if rest and not rest.startswith("("):
        raise ValueError(f"not a date: {text!r} (unexpected {rest!r})")
    return PartialDate(start, precision, approximate=bool(rest), text=text.strip())
