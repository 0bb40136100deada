"""`make corpus`: refresh the repository's copies of the shared corpora, checking their digests.

The tests and the eval gate read only the repository: `eval/corpus/` (SCHEMA.md, dev/, train/)
and `tests/data/cases/` (the handed failing inputs). They were copied from the project's shared
material (`../shared/corpus`, `../shared/cases`); this script copies them again.

Every copied file is pinned in `eval/corpus.sha256` (`sha256sum -c` reads it too). When the shared
files match the pins, the copies are refreshed (a file that is not in ../shared is removed) and
checked. When they differ, nothing is touched and the differences are listed; `make corpus PIN=1`
copies them anyway and rewrites the pins (then re-pin the corpora digests in eval/floors.json and
check the floors: tests/core/test_eval_gate.py). Standard library only; CI does not run it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "eval" / "corpus.sha256"
FLOORS = REPO / "eval" / "floors.json"
# (path under ../shared, path in the repository): each a file or a folder copied whole.
COPIES = [
    ("corpus/SCHEMA.md", "eval/corpus/SCHEMA.md"),
    ("corpus/dev", "eval/corpus/dev"),
    ("corpus/train", "eval/corpus/train"),
    ("cases/README.md", "tests/data/cases/README.md"),
    ("cases/extraction", "tests/data/cases/extraction"),
    ("cases/inputs", "tests/data/cases/inputs"),
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_of(root: Path, src: str, dest: str) -> dict[str, Path]:
    """{repository path: file} for one entry of COPIES, read under ``root``."""
    base = root / src
    if base.is_file():
        return {dest: base}
    return {f"{dest}/{p.relative_to(base).as_posix()}": p
            for p in sorted(base.rglob("*")) if p.is_file()}


def digests(root: Path, use_repo_paths: bool) -> dict[str, str]:
    out = {}
    for src, dest in COPIES:
        for name, path in files_of(root, dest if use_repo_paths else src, dest).items():
            out[name] = sha256(path)
    return out


def read_manifest() -> dict[str, str]:
    pins: dict[str, str] = {}
    if not MANIFEST.exists():
        return pins
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        pins[name] = digest
    return pins


def write_manifest(found: dict[str, str]) -> None:
    MANIFEST.write_text("".join(f"{d}  {n}\n" for n, d in sorted(found.items())),
                        encoding="utf-8")


def differences(pins: dict[str, str], found: dict[str, str]) -> list[str]:
    return ([f"  changed: {n}" for n in sorted(pins.keys() & found.keys()) if pins[n] != found[n]]
            + [f"  new:     {n}" for n in sorted(found.keys() - pins.keys())]
            + [f"  gone:    {n}" for n in sorted(pins.keys() - found.keys())])


def corpus_digest(name: str) -> str:
    """The digest tests/core/test_eval_gate.py pins in eval/floors.json for one corpus."""
    folder = REPO / "eval" / "corpus" / name
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def copy(shared: Path) -> None:
    for src, dest in COPIES:
        source, target = shared / src, REPO / dest
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            staged = Path(tmp) / target.name
            if source.is_dir():
                shutil.copytree(source, staged)
            else:
                shutil.copyfile(source, staged)
            if target.is_dir():
                shutil.rmtree(target)
            staged.replace(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(REPO.parent / "shared"),
                        help="the shared material (default: ../shared beside the repository)")
    parser.add_argument("--pin", action="store_true",
                        help="copy even when the shared files differ from the pins, and re-pin")
    parser.add_argument("--check", action="store_true",
                        help="copy nothing: check that the shared files and the repository's "
                             "copies both match the pins")
    args = parser.parse_args()
    shared = Path(args.shared).resolve()
    missing = [src for src, _ in COPIES if not (shared / src).exists()]
    if missing:
        what = "not found" if not shared.is_dir() else f"does not hold {', '.join(missing)}"
        print(f"make corpus: {shared} {what}; nothing copied. "
              "The copies in eval/corpus and tests/data/cases are what the tests use; "
              "this target only refreshes them from the shared material.", file=sys.stderr)
        return 2
    pins = read_manifest()
    found = digests(shared, use_repo_paths=False)
    changes = differences(pins, found)
    if changes and not args.pin:
        print(f"make corpus: {shared} differs from the pinned copies (eval/corpus.sha256); "
              "nothing copied:", *changes,
              "If the change is intended: make corpus PIN=1, then re-pin the corpora digests in "
              "eval/floors.json and check the extraction floors.", sep="\n", file=sys.stderr)
        return 1
    if not args.check:
        copy(shared)
    if args.pin:
        write_manifest(found)
        pins = found
    after = differences(pins, digests(REPO, use_repo_paths=True))
    if after:
        print("make corpus: the copies do not match eval/corpus.sha256 after copying:", *after,
              sep="\n", file=sys.stderr)
        return 1
    gate = json.loads(FLOORS.read_text(encoding="utf-8"))["corpora"]
    done = (f"in {shared} and in the repository match" if args.check
            else f"copied from {shared} match")
    print(f"make corpus: {len(pins)} files {done} eval/corpus.sha256")
    stale = [name for name, pinned in sorted(gate.items()) if corpus_digest(name) != pinned]
    if stale:
        print(f"make corpus: the digest of {', '.join(stale)} is not the one eval/floors.json "
              "pins under 'corpora': re-pin it there and check the floors "
              "(tests/core/test_eval_gate.py).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
