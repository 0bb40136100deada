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
