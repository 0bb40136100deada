"""`stationwatch scan` as users run it: real processes, a real Dask LocalCluster."""

import json
import os
import signal
import subprocess
import time

import pytest

from stationwatch.extract import extract
from stationwatch.ingest import load_bytes, load_path
from stationwatch.ingest.warc import iter_responses
from stationwatch.pipeline.prefilter import may_be_relevant
from tests.conftest import DEV, stationwatch_command
from tests.data.news_pages import news_pages


def scan(env, *args, check=True):
    result = subprocess.run([stationwatch_command(), "scan", *map(str, args)], env=env,
                            capture_output=True, text=True, timeout=600)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_serial_pool_and_dask_give_identical_output(corpus, tmp_path, cli_env):
    outputs = {}
    for name, extra in (("serial", ["--workers", "1"]), ("pool", ["--workers", "2"]),
                        ("dask", ["--dask", "local", "--workers", "2"])):
        out = tmp_path / f"{name}.jsonl"
        result = scan(cli_env, corpus, "--out", out, *extra)
        assert "scanned 6 files" in result.stderr
        outputs[name] = out.read_bytes()
    assert outputs["serial"] == outputs["pool"] == outputs["dask"]
    rows = [json.loads(line) for line in outputs["serial"].splitlines()]
    hits = [r for r in rows if r["relevant"]]
    from_parts = [r for r in hits if "/part-" in r["source_file"]]
    whole = sum(extract(doc).relevant for doc in load_path(DEV / "dev.warc.gz"))
    assert len(from_parts) == whole  # exactly what `extract` finds in the whole dev WARC
    assert any(r["source_file"].endswith("texts.jsonl.gz") for r in hits)
    assert any(r["source_file"].endswith("zz-corrupt.warc.gz") for r in hits)  # before the cut
    warc_hit = next(r for r in hits if r["warc_record_id"])
    assert warc_hit["uri"].startswith("http") and warc_hit["offset"] >= 0
    assert warc_hit["source_file"].endswith(".warc.gz")
    errors = [r for r in rows if r["errors"]]
    assert any("bad JSONL line" in r["errors"][0] for r in errors)
    corrupt = [r for r in errors if r["source_file"].endswith("zz-corrupt.warc.gz")]
    assert corrupt and "truncated gzip member" in corrupt[-1]["errors"][0]
    assert corrupt[-1]["offset"] > 0  # where, in that file, reading stopped


def test_all_writes_irrelevant_records_too(corpus, tmp_path, cli_env):
    out = tmp_path / "all.jsonl"
    scan(cli_env, corpus / "part-0.warc.gz", "--out", out, "--all", "--workers", "1")
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 16 and any(not r["relevant"] for r in rows)  # ceil(61 / 4) records


def test_resume_after_sigkill_gives_the_uninterrupted_output(corpus, tmp_path, cli_env):
    whole = tmp_path / "whole.jsonl"
    scan(cli_env, corpus, "--out", whole, "--workers", "1")
    out = tmp_path / "resumed.jsonl"
    manifest = tmp_path / "resumed.jsonl.manifest.jsonl"
    proc = subprocess.Popen([stationwatch_command(), "scan", str(corpus), "--out", str(out),
                             "--workers", "1"], env=cli_env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not (manifest.exists() and manifest.read_text().count("\n") >= 2):
        assert proc.poll() is None and time.monotonic() < deadline, "scan ended too soon"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with out.open("ab") as fh:  # a torn write of the file in progress
        fh.write(b'{"half a line')
    partial = manifest.read_text().count("\n")
    assert 2 <= partial < 6
    result = scan(cli_env, corpus, "--out", out, "--workers", "1", "--resume")
    assert f"({partial} already done)" in result.stderr
    assert out.read_bytes() == whole.read_bytes()


def test_an_existing_output_is_never_overwritten(corpus, tmp_path, cli_env):
    out = tmp_path / "o.jsonl"
    out.write_text("precious\n")
    result = scan(cli_env, corpus, "--out", out, check=False)
    assert result.returncode == 1 and "--resume" in result.stderr
    assert out.read_text() == "precious\n"


@pytest.mark.parametrize(("args", "message"), [
    (["/nonexistent.warc.gz"], "no such file"),
    (["--dask", "udp://x"], "--dask must be"),
])
def test_bad_arguments_are_one_line_errors(corpus, tmp_path, cli_env, args, message):
    inputs = [] if args[0].startswith("/") else [str(corpus)]
    result = scan(cli_env, *inputs, *args, "--out", tmp_path / "x.jsonl", check=False)
    assert result.returncode != 0 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_prefilter_passes_every_record_the_pipeline_finds_relevant():
    for rec in iter_responses(str(DEV / "dev.warc.gz")):
        doc = load_bytes(rec.payload, path="x", content_type=rec.content_type, uri=rec.uri)
        if extract(doc).relevant:
            assert may_be_relevant(rec.payload), rec.uri
            for encoding in ("gb18030", "big5", "shift_jis", "euc-kr", "cp1252", "utf-16"):
                try:
                    other = doc.text.encode(encoding)
                except UnicodeEncodeError:
                    continue
                assert may_be_relevant(other), (rec.uri, encoding)


def test_the_prefilter_and_its_main_text_check_drop_unrelated_news_pages():
    """Whole news pages on other subjects (tests/data/news_pages.py: a dozen languages and the
    encodings their press uses, with China, police, stations and returning overseas in them).
    On raw bytes a page's navigation and sidebars hold China, police and office words, so the
    bytes pass; the main-text check the scan task makes before extracting drops them."""
    pages = news_pages()
    assert len(pages) >= 30
    passed = sorted(name for name, payload in pages.items() if may_be_relevant(payload)
                    and may_be_relevant(load_bytes(payload, path=name).text.encode("utf-8")))
    assert len(passed) <= len(pages) // 30, passed  # about 3%


def test_no_unrelated_news_page_is_relevant():
    """The whole pipeline finds nothing in news pages on other subjects: not the prefilter (above)
    and not the extractor, which is asked about every page, not only those the prefilter passes."""
    for name, payload in news_pages().items():
        doc = load_bytes(payload, path=name)
        assert not doc.errors and len(doc.text) > 100, (name, doc.errors)
        assert not extract(doc).relevant, name


def test_an_existing_dask_scheduler_by_address(corpus, tmp_path, cli_env):
    """--dask tcp://HOST:PORT: the same output through a scheduler the user started."""
    import dask
    from distributed import LocalCluster

    from stationwatch.pipeline.scan import LOCAL_CLUSTER_CONFIG, QUIET_SCHEDULER

    serial = tmp_path / "serial.jsonl"
    scan(cli_env, corpus / "part-1.warc.gz", corpus / "texts.jsonl.gz", "--out", serial,
         "--workers", "1")
    with dask.config.set(LOCAL_CLUSTER_CONFIG), LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
            scheduler_kwargs=QUIET_SCHEDULER, host="127.0.0.1") as cluster:
        out = tmp_path / "remote.jsonl"
        scan(cli_env, corpus / "part-1.warc.gz", corpus / "texts.jsonl.gz", "--out", out,
             "--dask", cluster.scheduler_address)
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert out.read_bytes() == serial.read_bytes()


def test_an_unreachable_scheduler_is_a_clear_error(corpus, tmp_path, cli_env):
    from tests.browser.conftest import free_port

    result = scan(cli_env, corpus / "part-0.warc.gz", "--out", tmp_path / "x.jsonl",
                  "--dask", f"tcp://127.0.0.1:{free_port()}", check=False)
    assert result.returncode != 0 and "cannot reach the Dask scheduler" in result.stderr
