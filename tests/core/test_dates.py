import datetime as dt

import pytest

from stationwatch.dates import parse_partial_date


@pytest.mark.parametrize(("text", "start", "precision", "approx"), [
    ("2022-10-25", dt.date(2022, 10, 25), "day", False),
    ("2022-10", dt.date(2022, 10, 1), "month", False),
    ("2023", dt.date(2023, 1, 1), "year", False),
    ("2023 (approx. Aug)", dt.date(2023, 1, 1), "year", True),
    ("2022 (Oct-Nov, approx.)", dt.date(2022, 1, 1), "year", True),
])
def test_partial_dates_keep_their_precision(text, start, precision, approx):
    d = parse_partial_date(text)
    assert (d.start, d.precision, d.approximate, d.text) == (start, precision, approx, text)


@pytest.mark.parametrize("text", ["", "soon", "2022-13", "2022-02-30", "2022/10/01", "10-2022"])
def test_non_dates_are_refused_with_the_text(text):
    with pytest.raises(ValueError, match="not a date"):
        parse_partial_date(text)
