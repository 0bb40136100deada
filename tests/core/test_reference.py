"""The bundled reference data parses; bad rows name the file, line and field."""

import pytest

from stationwatch.errors import DataError
from stationwatch.places.reference import (
    BUNDLED_VERSION,
    STATION_FIELDS,
    grade_from_notes,
    load_reference,
    parse_responses,
    parse_stations,
)


def test_bundled_reference_data_is_complete_and_located():
    data = load_reference()
    assert len(data.stations) == 106
    assert len({s.country for s in data.stations}) == 49
    located = [s for s in data.stations if s.city is not None]
    assert len(located) >= 60
    assert len(data.responses) == 86
    # The 2026-11 edition flags 18 rows UNCERTAIN (README); they keep their low grade.
    uncertain = [s for s in data.stations if s.uncertain]
    assert len(uncertain) == 18
    assert {s.grade for s in uncertain} == {grade_from_notes("UNCERTAIN")}
    assert data.version == BUNDLED_VERSION


def test_place_labels_resolve_to_cities_regions_or_country_level():
    by_key = {s.key: s for s in load_reference().stations}
    assert by_key["gb-london-croydon"].city.name == "London"
    assert by_key["ca-scarborough-toronto-ontario"].city.name == "Toronto"
    assert by_key["it-sicily-city-not-specified"].region == "Sicily"
    assert by_key["it-sicily-city-not-specified"].city is None
    assert by_key["ca-unknown-location"].city is None


def test_rows_without_a_city_are_country_level_stations():
    by_key = {s.key: s for s in load_reference().stations}
    for key in ("pe-location-not-given", "de-no-fixed-site-mobile-person-based-second-of-two-"
                "per-federal-government", "br-location-not-identified-wenzhou-linked-site"):
        assert by_key[key].city is None and by_key[key].region is None
    assert by_key["us-nebraska-city-not-named"].region == "Nebraska"


def test_bureau_labels_keep_the_most_specific_single_bureau():
    by_key = {s.key: s for s in load_reference().stations}
    assert by_key["nl-amsterdam"].bureau == "Qingtian"        # 'Qingtian / Lishui PSB'
    assert by_key["fr-aubervilliers-seine-saint-denis"].bureau == "Wenzhou"
    paris = by_key["fr-paris-11e-arrondissement"]
    assert paris.bureau is None and set(paris.bureau_candidates) == {"Fuzhou", "Qingtian",
                                                                      "Wenzhou"}
    assert by_key["us-unknown-location-fourth-sd-counted-us-site"].bureau is None


def test_front_types_are_read_from_the_description():
    by_key = {s.key: s for s in load_reference().stations}
    assert by_key["gb-glasgow"].front_type == "restaurant"
    assert by_key["ca-markham-ontario-site-2-of-2"].front_type == "unknown"  # 'single-storey'
    assert by_key["fr-aubervilliers-seine-saint-denis"].front_type == "association"


def test_weak_single_sources_get_low_grades():
    assert grade_from_notes("UNCERTAIN: single secondary media report") == \
        grade_from_notes("UNCERTAIN: x")
    assert grade_from_notes("UNCERTAIN: x").reliability == "D"
    assert grade_from_notes("Re-checked: two sources").credibility == 2
    assert grade_from_notes("").credibility == 3


HEADER = ",".join(STATION_FIELDS)
GOOD = ('NL,Netherlands,Rotterdam,Fuzhou PSB,SD,2022-09-12,,investigated,'
        'https://example.org/a,"Re-checked: fine"')


@pytest.mark.parametrize(("row", "field", "problem"), [
    (GOOD.replace("NL,", "XX,", 1), "host_country_iso2", "unknown ISO 3166-1"),
    (GOOD.replace(",Rotterdam,", ",,"), "city", "missing city"),
    (GOOD.replace(",Rotterdam,", ",Atlantis,"), "city", "neither a city nor a region"),
    (GOOD.replace("https://example.org/a", "htp:/broken"), "source_url", "not an http"),
    (GOOD.replace("investigated", "vanished"), "status", "unknown status"),
    (GOOD.replace("2022-09-12", "sometime"), "reported_date", "not a date"),
    (GOOD.replace("Fuzhou PSB", "Gotham PD"), "operating_bureau", "no known bureau"),
])
def test_a_malformed_station_row_names_file_line_and_field(row, field, problem):
    text = "\n".join([HEADER, GOOD.replace("Rotterdam", "Amsterdam"), row]) + "\n"
    with pytest.raises(DataError) as err:
        parse_stations(text, "bad.csv")
    assert (err.value.path, err.value.line, err.value.field) == ("bad.csv", 3, field)
    assert problem in str(err.value) and str(err.value).startswith("bad.csv, line 3, field")


def test_missing_columns_and_extra_cells_are_refused():
    with pytest.raises(DataError, match="missing columns"):
        parse_stations("a,b\n1,2\n", "x.csv")
    with pytest.raises(DataError, match="too many cells"):
        parse_stations(HEADER + "\n" + GOOD + ",extra\n", "x.csv")


def test_duplicate_stations_are_refused():
    with pytest.raises(DataError, match="duplicate station"):
        parse_stations("\n".join([HEADER, GOOD, GOOD]), "x.csv")


def test_responses_validate_action_and_date():
    head = "host_country_iso2,date,actor,action,summary,source_url\n"
    ok = "NL,2022-11-01,Minister,closure_ordered,Ordered closure,https://example.org/r\n"
    assert parse_responses(head + ok)[0].action == "closure_ordered"
    with pytest.raises(DataError, match="field 'action'.*unknown action"):
        parse_responses(head + ok.replace("closure_ordered", "bombing"), "r.csv")
    with pytest.raises(DataError, match="line 2, field 'date'"):
        parse_responses(head + ok.replace("2022-11-01", "last week"), "r.csv")
    eu = "EU,2022-12-07,Commission,statement,Concerned,https://example.org/eu\n"
    assert parse_responses(head + eu)[0].country == "EU"


def test_unreadable_files_are_named(tmp_path):
    bad = tmp_path / "stations.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DataError, match="stations.csv: not UTF-8"):
        load_reference(bad, None)
    with pytest.raises(DataError, match="cannot read"):
        load_reference(tmp_path / "missing.csv", None)
