"""The core never imports Django: proven at run time and by the import-linter contracts (which
also keep the web's layers and its route through the pipeline)."""

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO


def test_importing_the_core_loads_no_django_module():
    code = ("import sys, stationwatch, stationwatch.places.reference, "
            "stationwatch.places.gazetteer, stationwatch.settings, stationwatch.vocab, "
            "stationwatch.cli\n"
            "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_import_linter_contract_holds():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), str(REPO / "pyproject.toml")],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert f"Contracts: {len(contracts['contracts'])} kept, 0 broken." in result.stdout
