"""How much a station's accepted evidence corroborates it.

Independent sources are counted once per story group (syndicated copies of one report are one
source). A source is strong when its reliability is A-C and the claim's credibility 1-3, the
Admiralty grades an analyst gave them. The levels, weakest first, are what the atlas shows and
filters on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import CONFIDENCE

#: The levels (model.CONFIDENCE, weakest first) by rank.
RANK: dict[str, int] = {level: i for i, level in enumerate(CONFIDENCE.keys())}


@dataclass(frozen=True)
class Evidence:
    """One accepted claim: the story it belongs to and its two grades."""

    story: str
    reliability: str
    credibility: int

    @property
    def strong(self) -> bool:
        return self.reliability in ("A", "B", "C") and self.credibility <= 3


def corroboration(evidence: Iterable[Evidence]) -> tuple[str, int]:
    """(level, number of independent sources) for a station's accepted evidence."""
    best: dict[str, Evidence] = {}
    for e in evidence:
        held = best.get(e.story)
        if held is None or (e.strong and not held.strong):
            best[e.story] = e
    n = len(best)
    strong = sum(1 for e in best.values() if e.strong)
    if n == 0:
        return "none", 0
    if n == 1:
        return ("single" if strong else "single_weak"), 1
    if n >= 3 and strong >= 1:
        return "strong", n
    return "corroborated", n
