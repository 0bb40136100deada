"""The data files the extractor ships are what their commands rebuild, byte for byte: the
relevance model (`stationwatch train`), the inflected-forms table and the response words' lemma
table (`stationwatch inflections`, checked here on one language: the whole tables take
minutes)."""

from __future__ import annotations

import subprocess

from stationwatch.extract import lemmas
from stationwatch.extract.matcher import _build
from stationwatch.text import fold_term, inflections
from tests.conftest import stationwatch_command


def test_the_shipped_relevance_model_is_what_train_fits_on_the_corpora(cli_env):
    result = subprocess.run([stationwatch_command(), "train", "--check"], env=cli_env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


def test_the_shipped_inflections_of_one_language_are_what_the_dictionary_gives():
    lang = "sv"
    targets = _build(with_inflections=False).inflection_targets()[lang]
    fresh = inflections.collect(lang, targets.__contains__, fold_term)
    shipped = [(form, lemma) for code, form, lemma in inflections.table() if code == lang]
    assert fresh == shipped
    assert ("Stockholms", "Stockholm") in shipped  # a declined name is there


def test_the_shipped_lemmas_of_one_language_are_what_the_dictionary_gives():
    lang = "sv"
    shipped = {form: lemma for code, form, lemma in _lemma_rows() if code == lang}
    assert lemmas.collect(lang) == shipped
    assert shipped  # response words of Swedish are reached through their lemmas


def _lemma_rows() -> list[tuple[str, str, str]]:
    import gzip
    from importlib import resources

    from stationwatch import vocab

    text = gzip.decompress(resources.files(vocab).joinpath(lemmas.TABLE).read_bytes())
    return [tuple(line.split("\t")) for line in text.decode("utf-8").splitlines()]


def test_a_declined_place_name_is_read_in_its_language_only():
    from stationwatch.extract import extract
    from stationwatch.ingest import load_bytes

    text = ("Brytyjska policja sprawdziła nieoficjalne chińskie posterunki policji "
            "w Belfaście i w Glasgow, poinformowało ministerstwo.")
    result = extract(load_bytes(text.encode(), path="pl.txt")).as_dict()
    assert {("GB", "Belfast"), ("GB", "Glasgow")} <= {(s["country"], s["city"])
                                                     for s in result["stations"]}
