"""`extract`, `eval`, `train`, `inflections`: documents to claims, and the extractor's
evaluation and packaged data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="One JSON object per document, or a readable table.")
def extract_cmd(paths: tuple[str, ...], fmt: str) -> None:
    """Propose claims with evidence spans for each document (each WARC document record).

    PATHS are files, folders (their text, HTML, PDF, WARC and JSONL files, gzipped or not)
    or globs. An input that cannot be read (missing, not a regular file, too large) is
    reported as an entry with errors and the others are still extracted; the exit status is
    then 1.
    """
    import json

    from ..ingest.sources import Item, expand, is_warc, items
    from ..ingest.warc import WarcStats
    from ..pipeline.documents import read

    failed = 0
    others: list[str] = []
    for found in expand(paths, skipped=others.append):
        stats = WarcStats()
        for item in [found] if isinstance(found, Item) else items(found, stats):
            result = read(item, limits=None)
            failed += bool(result.errors)
            if fmt == "jsonl":
                click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
                continue
            x = result.extraction
            places = ", ".join(f"{s['city'] or '-'} ({s['country']})" for s in x.stations)
            click.echo(f"{x.uri or x.path}\t{x.lang}\t{'relevant' if x.relevant else '-'}\t"
                       f"{places}\t{', '.join(b['name'] for b in x.bureaus)}"
                       f"{chr(9) + '; '.join(x.errors) if x.errors else ''}")
        if not isinstance(found, Item) and is_warc(found):
            click.echo(f"{found}: {stats}", err=True)
    if others:
        click.echo(f"skipped {len(others)} files of other kinds (first: {others[0]})", err=True)
    if failed:
        click.echo(f"{failed} input(s) had errors", err=True)
        raise SystemExit(1)


@click.command("eval")
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


@click.command("inflections")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 when the packaged table differs from a fresh one.")
def inflections_cmd(check: bool) -> None:
    """Rebuild vocab/inflections.tsv.gz (the inflected forms of the vocabulary's names and
    words) and vocab/lemmas.tsv.gz (the forms whose lemma reaches a response word) from
    simplemma's dictionaries (a few minutes; run after changing the vocabulary)."""
    from .. import vocab
    from ..extract import lemmas
    from ..extract.matcher import build_inflection_table
    from ..text import inflections

    builds = ((inflections.TABLE, build_inflection_table), (lemmas.TABLE, lemmas.build_table))
    with click.progressbar(length=len(builds), label="scanning lemma dictionaries",
                           file=sys.stderr) as bar:
        tables = []
        for name, build in builds:
            tables.append((Path(vocab.__file__).with_name(name), build()))
            bar.update(1)
    stale = False
    for target, data in tables:
        if not check:
            target.write_bytes(data)
            click.echo(f"wrote {target} ({len(data):,} bytes)")
        elif not target.is_file() or target.read_bytes() != data:
            click.echo(f"{target} differs from a fresh build", err=True)
            stale = True
        else:
            click.echo(f"{target} matches a fresh build")
    if stale:
        raise SystemExit(1)


@click.command("train")
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
