"""Every bad input the extraction issue names, through `stationwatch extract` at once.

Each broken input gets an error naming its problem, the good documents between them are still
extracted, and the exit status says that some inputs failed. Mis-encoded text that can still
be read right (invalid UTF-8 declared as UTF-8 in a GBK page) is decoded, not refused.
"""

import gzip
import json
import subprocess

from tests.conftest import DEV, stationwatch_command
from tests.data.pdfs import make_pdf, make_pdf_bomb

GOOD = "An overseas police service station operated in Dublin, the report said."


def test_hostile_inputs_are_reported_one_by_one_and_the_rest_extracted(tmp_path):
    zh = "据报道，福州警侨事务海外服务站设在荷兰鹿特丹。" * 20
    inputs = {
        "empty.txt": (b"", "empty document"),
        "garbage.bin": (bytes(range(256)) * 400, "binary data"),
        "huge.html": (b"<html><body>" + (b"<p>" + b"a" * 1000 + b"</p>") * 51_000
                      + b"</body></html>", "too large"),
        "deep.html": (b"<html><body>" + b"<div>" * 10_000 + b"x" + b"</div>" * 10_000
                      + b"</body></html>", "no main text"),
        "good.txt": (GOOD.encode(), None),
        "bad-utf8.txt": (GOOD.encode() + b" \xff\xfe caf\xe9", None),
        "wrong-charset.html": (
            f'<html><head><meta charset="utf-8"></head><body><p>{zh}</p></body></html>'
            .encode("gbk"), None),
        "cut.html.gz": (gzip.compress(b"<html><body><p>x</p></body></html>")[:-10],
                        "truncated gzip"),
        "bomb.pdf": (make_pdf_bomb(), "decompression limit"),
        "ok.pdf": (make_pdf("Overseas police service station in Oslo"), None),
    }
    paths = []
    for name, (data, _) in inputs.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    cut_warc = tmp_path / "cut.warc.gz"
    cut_warc.write_bytes((DEV / "dev.warc.gz").read_bytes()[:70_000])
    paths.append(str(cut_warc))

    result = subprocess.run([stationwatch_command(), "extract", *paths], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_name = {}
    for row in rows:
        by_name.setdefault(row["path"].rsplit("/", 1)[-1], []).append(row)
    for name, (_, problem) in inputs.items():
        row = by_name[name][0]
        if problem is None:
            assert row["errors"] == [], (name, row["errors"])
            assert row["relevant"] and row["stations"], name
        else:
            assert row["errors"] and problem in row["errors"][0], (name, row["errors"])
            assert row["stations"] == []
    warc_rows = by_name["cut.warc.gz"]
    assert any(r["relevant"] for r in warc_rows)  # the records before the cut
    assert "truncated gzip member at offset" in warc_rows[-1]["errors"][0]
    assert "Traceback" not in result.stderr
