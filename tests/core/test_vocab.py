import pytest

from stationwatch import vocab
from stationwatch.errors import DataError


def test_packaged_bureaus_are_valid_and_cited():
    table = vocab.bureaus()
    assert {"Fuzhou", "Qingtian", "Nantong", "Wenzhou", "Lishui"} <= set(table)
    assert table["Fuzhou"].name_zh == "福州市公安局"
    assert vocab.bureau_ancestors("Qingtian") == ["Lishui", "Zhejiang", "MPS"]
    assert all(vocab.is_http_url(b.source) for b in table.values())


def test_packaged_places_are_valid_and_cited():
    places = vocab.places()
    assert any(d.name == "Croydon" and d.city == "London" for d in places.districts)
    assert all(vocab.is_http_url(p.source)
               for p in (*places.districts, *places.regions, *places.cities))


@pytest.mark.parametrize(("data", "message"), [
    ({"bureaus": [{"key": "X", "level": "galaxy", "name_en": "x", "name_zh": "x",
                   "source": "https://e.org/"}]}, "unknown level"),
    ({"bureaus": [{"key": "X", "level": "city", "name_en": "x", "name_zh": "x",
                   "source": "not a url"}]}, "not an http"),
    ({"bureaus": [{"key": "X", "level": "city", "name_en": "x", "name_zh": "x",
                   "parent": "Nowhere", "source": "https://e.org/"}]}, "unknown parent"),
    ({"bureaus": [{"level": "city"}]}, "missing value"),
    ({"bureaus": "nope"}, "top-level list"),
    (None, "top-level list"),
])
def test_malformed_bureau_tables_are_refused_with_the_entry(data, message):
    with pytest.raises(DataError, match=message):
        vocab.parse_bureaus(data, "test.yaml")


@pytest.mark.parametrize("name", ["terms.yaml", "actions.yaml"])
def test_every_language_of_the_word_lists_is_cited(name):
    data = vocab.check_word_lists(name)
    assert set(data["sources"]) >= {"en", "zh", "nl", "it", "es", "fr", "de", "pt", "cs", "hu",
                                    "ja", "ko"}


def test_an_uncited_language_is_refused(monkeypatch):
    original = vocab.read_yaml

    def fake(name):
        data = dict(original(name))
        data["strong"] = {**data["strong"], "xx": ["word"]}
        return data

    monkeypatch.setattr(vocab, "read_yaml", fake)
    with pytest.raises(DataError, match="language 'xx' has no entry in 'sources'"):
        vocab.check_word_lists("terms.yaml")
