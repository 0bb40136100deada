"""Every row of the threat list in docs/security.md (section "Threats found by attacking the
app") names tests that exist."""

from __future__ import annotations

import re

from tests.conftest import REPO


def rows() -> dict[str, list[str]]:
    text = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    found = {}
    for line in text.splitlines():
        m = re.match(r"^\| (H\d+) \|.*\| (`tests/.+`) \|$", line)
        if m:
            found[m.group(1)] = re.findall(r"`(tests/[^`]+)`", m.group(2))
    return found


def test_each_threat_row_names_existing_tests():
    found = rows()
    assert len(found) >= 12 and all(found.values())
    for row, refs in found.items():
        for ref in refs:
            path, name = ref.split("::")
            source = (REPO / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {name}\(", source, flags=re.M), (row, ref)
