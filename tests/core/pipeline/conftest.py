import gzip
import json
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator

from tests.conftest import DEV


def split_warc(source: Path, out_dir: Path, parts: int) -> list[Path]:
    """Split a per-record-gzipped WARC into ``parts`` valid WARC files (whole members)."""
    data = source.read_bytes()
    offsets = [r.stream_pos for r in ArchiveIterator(str(source), fsspec_args=False)]
    members = [data[a:b] for a, b in zip(offsets, [*offsets[1:], len(data)], strict=True)]
    head, records = members[0], members[1:]  # warcinfo first
    size = -(-len(records) // parts)
    paths = []
    for i in range(parts):
        p = out_dir / f"part-{i}.warc.gz"
        p.write_bytes(head + b"".join(records[i * size:(i + 1) * size]))
        paths.append(p)
    return paths


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Four WARC parts of the dev corpus, a JSONL of its text files, and a corrupt WARC."""
    src = tmp_path / "in"
    src.mkdir()
    split_warc(DEV / "dev.warc.gz", src, 4)
    gold = [json.loads(x) for x in (DEV / "gold.jsonl").read_text().splitlines()]
    with gzip.open(src / "texts.jsonl.gz", "wt", encoding="utf-8") as fh:
        for g in gold:
            if g["format"] == "txt":
                text = (DEV / g["file"]).read_text(encoding="utf-8")
                fh.write(json.dumps({"url": f"https://example.org/{g['id']}", "text": text}))
                fh.write("\n")
        fh.write("{not json\n")
    whole = (DEV / "dev.warc.gz").read_bytes()
    (src / "zz-corrupt.warc.gz").write_bytes(whole[:60_000] + b"garbage" * 10)
    return src
