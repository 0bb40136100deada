"""CSV formula neutralisation (issue 13, kind 12): every CSV the project writes goes through
``export.formats.csv_text``, and no cell starts with what a spreadsheet runs as a formula."""

import csv
import io
import re

import pytest

from stationwatch.export.formats import csv_cell, csv_text
from stationwatch.ingest import load_path
from tests.conftest import REPO


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_a_leading_apostrophe(start):
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"
    assert csv_cell([f"{start}cmd|' /C calc'!A0", "b"]) == f"'{start}cmd|' /C calc'!A0 | b"


def test_other_cells_are_unchanged():
    assert csv_cell("Rotterdam") == "Rotterdam"
    assert csv_cell("a = b") == "a = b"
    assert csv_cell(None) == ""
    assert csv_cell(-33.87) == -33.87 and csv_cell(-3) == -3  # numbers stay numbers
    assert csv_cell(["https://a.example/", "B2"]) == "https://a.example/ | B2"


def _read(lines):
    return list(csv.reader(io.StringIO("".join(lines).removeprefix("\ufeff"))))


def test_handed_formula_title_and_summary_are_neutralised_in_the_csv():
    doc = next(load_path(REPO / "tests/data/cases/inputs/12-html-csv-formula-title.html"))
    summary = doc.text.split("\n")[1]
    assert doc.title.startswith("=HYPERLINK(") and summary.startswith("+++")
    header, row = _read(csv_text(["title", "summary", "latitude"], [
        {"title": doc.title, "summary": summary.strip(), "latitude": -12.5}]))
    assert header == ["title", "summary", "latitude"]
    assert row[0] == "'" + doc.title
    assert row[1].startswith("'+++ Die hessische Polizei")
    assert row[2] == "-12.5"


def test_sibling_cells_with_tab_cr_and_at():
    rows = [{"a": "@SUM(A1:A9)", "b": "\t=1+2", "c": "\r-2+3"}]
    (row,) = _read(csv_text(["a", "b", "c"], rows))[1:]
    assert all(cell.startswith("'") for cell in row)


def test_csv_text_is_the_only_csv_writer_in_the_project():
    writers = []
    for path in sorted((REPO / "src").rglob("*.py")):
        if re.search(r"csv\.(writer|DictWriter)\(|\.to_csv\(", path.read_text(encoding="utf-8")):
            writers.append(path.relative_to(REPO / "src").as_posix())
    assert writers == ["stationwatch/export/formats.py"]
