import pytest

from stationwatch.text.numbers import parse_number

THREES = [("three", "en"), ("Drie", "nl"), ("tre", "it"), ("tres", "es"), ("trois", "fr"),
          ("drei", "de"), ("três", "pt"), ("tři", "cs"), ("három", "hu"), ("三", "zh"),
          ("三", "ja"), ("세", "ko"), ("3", "en"), ("３", "zh")]


@pytest.mark.parametrize(("word", "lang"), THREES)
def test_three_in_every_language(word, lang):
    assert parse_number(word, lang) == 3


@pytest.mark.parametrize(("word", "lang"), [("Rotterdam", "nl"), ("", "en"), ("two", "xx"),
                                             ("1234567", "en")])
def test_non_numbers(word, lang):
    assert parse_number(word, lang) is None


def test_two_forms_in_chinese():
    assert parse_number("两", "zh") == parse_number("二", "zh") == 2
