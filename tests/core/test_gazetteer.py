import pytest

from stationwatch.errors import GazetteerError
from stationwatch.places import gazetteer


def test_country_names_exist_in_every_press_language():
    nl = gazetteer.country("NL")
    assert nl.continent == "EU"
    assert nl.names["zh"] == "荷兰" and nl.names["zh_Hant"] == "荷蘭"
    assert nl.names["ja"] == "オランダ" and nl.names["ko"] == "네덜란드"
    assert set(nl.names) == set(gazetteer.LANGUAGES)


def test_unknown_country_code_is_named_in_the_error():
    with pytest.raises(GazetteerError, match="'XQ'"):
        gazetteer.country("XQ")


@pytest.mark.parametrize(("country", "name", "expected"), [
    ("NL", "Rotterdam", "Rotterdam"),
    ("BR", "Sao Paulo", "São Paulo"),        # accents folded
    ("CL", "VINA DEL MAR", "Viña del Mar"),  # case folded
    ("GB", "Croydon", "London"),             # district resolves to its city
    ("US", "Manhattan", "New York City"),
    ("ES", "Valencia", "Valencia"),          # the populous one, not a namesake
    ("RO", "Dobroesti", "Dobroeşti"),        # small town from the fallback extract
    ("CA", "Brossard", "Brossard"),          # supplemented in places.yaml
])
def test_cities_resolve_within_their_country(country, name, expected):
    city = gazetteer.find_city(country, name)
    assert city is not None and city.name == expected and city.country == country
    assert -90 <= city.latitude <= 90 and -180 <= city.longitude <= 180


def test_a_city_is_not_found_in_the_wrong_country():
    assert gazetteer.find_city("FR", "Rotterdam") is None


def test_regions_are_not_cities():
    assert gazetteer.find_city("IT", "Sicily") is None
    assert gazetteer.find_region("IT", "sicily").name == "Sicily"


def test_city_names_in_the_cjk_scripts_from_geonames():
    from stationwatch.places.gazetteer import city_name

    assert [city_name("NL", "Rotterdam", s) for s in ("Hans", "Hant", "Jpan", "Kore")] == [
        "鹿特丹", "鹿特丹", "ロッテルダム", "로테르담"]
    # Simplified and Traditional told apart; the common name, not the official one.
    assert (city_name("IT", "Milan", "Hans"), city_name("IT", "Milan", "Hant")) == ("米兰", "米蘭")
    assert (city_name("KR", "Seoul", "Hans"), city_name("KR", "Seoul", "Kore")) == ("首尔", "서울")
    assert city_name("ES", "Madrid", "Jpan") == "マドリード"
    assert city_name("JP", "Tokyo", "Jpan") == "東京"  # kanji for a Japanese city only
    assert city_name("IT", "Prato", "Kore") is None  # GeoNames has no Hangul name for it
    assert city_name("NL", "Nowhere", "Hans") is None
