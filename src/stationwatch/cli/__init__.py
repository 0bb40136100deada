"""The ``stationwatch`` command: a click group whose commands are thin over the library.

Packages add commands through the ``stationwatch.commands`` entry-point group (the web app
adds ``serve``, ``load-reference``...); the core never imports them itself.
"""

from __future__ import annotations

import logging
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import StationwatchError

log = logging.getLogger(__name__)


class Group(click.Group):
    """Turns library errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except StationwatchError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Group)
@click.version_option(__version__, prog_name="stationwatch")
def main() -> None:
    """stationwatch: find, preserve, verify and map reporting on overseas police stations."""


@main.command("check-reference")
@click.option("--stations", type=click.Path(path_type=Path, dir_okay=False),
              help="Stations CSV to check instead of the bundled one.")
@click.option("--responses", type=click.Path(path_type=Path, dir_okay=False),
              help="Responses CSV to check instead of the bundled one.")
def check_reference(stations: Path | None, responses: Path | None) -> None:
    """Validate reference CSV files without touching any database: every row well formed,
    and no station's status behind what the responses concerning it say (exit status 1)."""
    from ..reference import contradictions, load_reference

    data = load_reference(stations, responses)
    countries = {s.country for s in data.stations}
    located = sum(1 for s in data.stations if s.city is not None)
    found = contradictions(data)
    for c in found:
        click.echo(f"contradiction: {c}", err=True)
    if found:
        raise click.ClickException(f"{len(found)} station(s) disagree with their responses")
    click.echo(f"ok: {len(data.stations)} stations in {len(countries)} countries "
               f"({located} located to a city), {len(data.responses)} responses, "
               "statuses agree with the responses")


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="One JSON object per document, or a readable table.")
def extract_cmd(paths: tuple[str, ...], fmt: str) -> None:
    """Propose claims with evidence spans for each document (each WARC document record).

    PATHS are files or folders (every file under a folder). An input that cannot be read
    (missing, not a regular file, too large) is reported as an entry with errors and the
    others are still extracted; the exit status is then 1.
    """
    import json

    from ..extract import extract
    from ..ingest import Document, load_inputs

    failed = 0
    for doc in load_inputs(paths, report=lambda note: click.echo(note, err=True)):
        try:
            result = extract(doc)
        except Exception as exc:  # noqa: BLE001 # one document's failure is its own entry
            log.debug("extraction failed for %s", doc.uri or doc.path, exc_info=True)
            result = extract(Document(path=doc.path, uri=doc.uri, errors=[
                f"extraction failed: {type(exc).__name__}: {exc}"]))
        failed += bool(result.errors)
        if fmt == "jsonl":
            click.echo(json.dumps({**result.as_dict(), **doc.output_fields()}, ensure_ascii=False))
            continue
        where = result.uri or result.path
        places = ", ".join(f"{s['city'] or '-'} ({s['country']})" for s in result.stations)
        click.echo(f"{where}\t{result.lang}\t{'relevant' if result.relevant else '-'}\t"
                   f"{places}\t{', '.join(b['name'] for b in result.bureaus)}"
                   f"{chr(9) + '; '.join(result.errors) if result.errors else ''}")
    if failed:
        click.echo(f"{failed} input(s) had errors", err=True)
        raise SystemExit(1)


@main.command("eval")
@click.argument("corpora", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--folds", type=click.IntRange(min=2), default=None,
              help="k-fold cross-validation by document over all CORPORA: each fold is "
                   "extracted with a relevance model fitted on the others.")
@click.option("--by-language", is_flag=True, help="Also print F1 per gold language.")
@click.option("--misses/--no-misses", default=True, help="List every extra and missing item.")
def eval_cmd(corpora: tuple[Path, ...], folds: int | None, by_language: bool,
             misses: bool) -> None:
    """Score extraction against each CORPUS/gold.jsonl (precision, recall, F1 per field)."""
    from ..extract.evaluate import FIELDS, Score, cross_validate, load_gold

    per_lang: dict[str, dict[str, Score]] = {}
    if folds is not None:
        scores, per_lang = cross_validate(list(corpora), folds)
        click.echo(f"{folds}-fold cross-validation over {sum(len(load_gold(c)) for c in corpora)}"
                   " documents")
    elif len(corpora) == 1 and not by_language:
        from ..extract.evaluate import evaluate_corpus

        scores = evaluate_corpus(corpora[0])
    else:
        scores, per_lang = _pooled(list(corpora))
    for name, s in scores.items():
        click.echo(f"{name:18s} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
                   f"(tp {s.tp}, fp {s.fp}, fn {s.fn})")
    if by_language and per_lang:
        docs: dict[str, int] = {}
        for corpus in corpora:
            for g in load_gold(corpus):
                docs[g.get("lang", "und")] = docs.get(g.get("lang", "und"), 0) + 1
        click.echo("F1 by language: " + "  ".join(f"{f[:10]:>10s}" for f in FIELDS) + "  docs")
        for lang, ls in per_lang.items():
            click.echo(f"  {lang:13s}" + "  ".join(f"{ls[f].f1:10.3f}" for f in FIELDS)
                       + f"  {docs.get(lang, 0):4d}")
    if misses:
        for name, s in scores.items():
            for line in s.misses:
                click.echo(f"  {name}: {line}")


def _pooled(corpora: list[Path]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Scores of the shipped extractor over several corpora, pooled and per language."""
    from ..extract.evaluate import load_labelled, score
    from ..extract.extractor import extract

    rows = load_labelled(corpora)
    predicted = {r.gold["id"]: extract(r.docs[0]).as_dict() for r in rows if r.docs}
    gold = [r.gold for r in rows]
    langs = sorted({g.get("lang", "und") for g in gold})
    return score(gold, predicted), {
        lang: score([g for g in gold if g.get("lang", "und") == lang], predicted)
        for lang in langs}


@main.command("inflections")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the packaged table differs from a fresh one.")
def inflections_cmd(check: bool) -> None:
    """Rebuild vocab/inflections.tsv.gz, the inflected forms of the vocabulary's names and
    words, from simplemma's dictionaries (a few minutes; run after changing the vocabulary)."""
    from .. import vocab
    from ..extract.matcher import build_inflection_table
    from ..text import inflections

    target = Path(vocab.__file__).with_name(inflections.TABLE)
    with click.progressbar(length=1, label="scanning lemma dictionaries", file=sys.stderr) as bar:
        data = build_inflection_table()
        bar.update(1)
    if check:
        if not target.is_file() or target.read_bytes() != data:
            click.echo(f"{target} differs from a fresh build", err=True)
            raise SystemExit(1)
        click.echo(f"{target} matches a fresh build")
        return
    target.write_bytes(data)
    click.echo(f"wrote {target} ({len(data):,} bytes)")


@main.command("train")
@click.argument("corpora", nargs=-1, type=click.Path(exists=True, file_okay=False,
                                                     path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the packaged relevance_model.json).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the packaged model differs from a fresh fit.")
def train_cmd(corpora: tuple[Path, ...], out: Path | None, check: bool) -> None:
    """Fit the relevance model on CORPORA (default: eval/corpus/train and eval/corpus/dev of
    this checkout), byte for byte reproducibly."""
    from ..extract import relevance
    from ..extract.evaluate import train_relevance

    if not corpora:
        root = Path(__file__).resolve().parents[3] / "eval" / "corpus"
        corpora = (root / "train", root / "dev")
        missing = [c for c in corpora if not (c / "gold.jsonl").is_file()]
        if missing:
            raise click.UsageError(f"no corpus at {missing[0]}: name the corpora to train on")
    data = relevance.model_bytes(train_relevance(list(corpora)))
    shipped = Path(relevance.__file__).with_name(relevance.MODEL_FILE)
    if check:
        if not shipped.is_file() or shipped.read_bytes() != data:
            click.echo(f"{shipped} differs from a fit on {', '.join(map(str, corpora))}",
                       err=True)
            raise SystemExit(1)
        click.echo(f"{shipped} matches a fresh fit")
        return
    target = out or shipped
    target.write_bytes(data)
    click.echo(f"wrote {target} ({len(data)} bytes)")


@main.command("scan")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Output JSONL: one line per relevant record (and per unreadable record).")
@click.option("--workers", type=click.IntRange(min=1),
              help="Processes (or Dask LocalCluster workers); default: every core.")
@click.option("--dask", metavar="local|tcp://HOST:PORT",
              help="Run on a Dask LocalCluster, or on the scheduler at this address.")
@click.option("--resume", is_flag=True, help="Continue an interrupted scan of the same --out.")
@click.option("--all", "all_records", is_flag=True,
              help='Write irrelevant records too, with "relevant": false.')
@click.option("--into-db", is_flag=True,
              help="Also store the hits in the database as Sources with candidate claims.")
def scan_cmd(inputs: tuple[str, ...], out: Path, workers: int | None, dask: str | None,
             resume: bool, all_records: bool, into_db: bool) -> None:
    """Scan WARC and JSONL corpora (files, directories, globs) for relevant records.

    Each input file is one task; records pass a byte-level prefilter before the full
    extraction. Output lines follow the `extract` schema plus source_file, warc_record_id and
    offset.
    """
    import sys

    from ..pipeline import ScanOptions, scan

    sink = _sink("db") if into_db else None  # fail before scanning, not after
    summary = scan(list(inputs), ScanOptions(
        out=out, workers=workers, dask=dask, resume=resume, all_records=all_records,
        progress=sys.stderr.isatty()))
    click.echo(f"{summary} -> {out}", err=True)
    if sink is not None:
        click.echo(sink(out), err=True)


@main.command("verify-release")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_release_cmd(outdir: Path) -> None:
    """Check every file of a published release against its MANIFEST.sha256 (exit 1 on any
    changed, missing or added file)."""
    from ..release import verify_release

    report = verify_release(outdir)
    click.echo(str(report))
    if not report.ok:
        raise SystemExit(1)


@main.command("release-diff")
@click.argument("old")
@click.argument("new")
def release_diff_cmd(old: str, new: str) -> None:
    """Stations added, changed (status, bureau, confidence) and retracted between two releases.

    OLD and NEW are release folders, or versions kept in the data directory by `publish`.
    """
    from ..release import diff_stations, read_stations
    from ..settings import load_settings

    def folder(arg: str) -> Path:
        path = Path(arg)
        if path.is_dir():
            return path
        kept = load_settings().data_dir / "releases" / arg
        if arg and "/" not in arg and kept.is_dir():
            return kept
        raise click.BadParameter(f"{arg!r} is neither a release folder nor a kept release "
                                 "version")

    click.echo(str(diff_stations(read_stations(folder(old)), read_stations(folder(new)))))


def _sink(name: str) -> Any:
    """A destination for scan hits provided by another package (the web app's database)."""
    for ep in entry_points(group="stationwatch.sinks", name=name):
        try:
            return ep.load()
        except ImportError as exc:
            raise StationwatchError(f"--into-db needs the web app: pip install "
                                    f"'stationwatch[web]' ({exc})") from None
    raise StationwatchError("--into-db needs the web app: pip install 'stationwatch[web]'")


def _load_plugins() -> None:
    for ep in entry_points(group="stationwatch.commands"):
        try:
            register = ep.load()
        except ImportError as exc:  # the web extra is not installed: core commands still work
            log.debug("command plugin %s unavailable: %s", ep.name, exc)
            continue
        register(main)


_load_plugins()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
