"""The record agrees with itself: statuses follow the responses that concern each station,
and a response concerns the stations its words name."""

from datetime import date

from stationwatch.lifecycle import Action, Place, concerned, derived
from stationwatch.places.reference import (
    ReferenceData,
    contradictions,
    load_reference,
    parse_responses,
    parse_stations,
    station_lifecycles,
)

NL = [Place("nl-rotterdam", "NL", ("Rotterdam",), ("Rotterdam",), date(2022, 9, 12)),
      Place("nl-amsterdam", "NL", ("Amsterdam",), ("Amsterdam",), date(2022, 9, 12))]


def test_a_response_naming_one_city_concerns_that_station_only():
    keys, how = concerned("The mayor of Rotterdam backed the closure of the office.", "NL", NL)
    assert (keys, how) == (["nl-rotterdam"], "named")


def test_the_whole_country_only_when_the_text_says_so():
    assert concerned("Both stations must close at once.", "NL", NL) == (
        ["nl-rotterdam", "nl-amsterdam"], "country")
    assert concerned("The ministry will look into it.", "NL", NL) == ([], "unlinked")
    assert concerned("The three sites were shut.", "NL", NL) == ([], "unlinked")  # not 2
    one = NL[:1]
    assert concerned("The ministry will look into it.", "NL", one) == (["nl-rotterdam"], "only")


def test_a_district_named_wins_over_the_bare_city():
    ny = [Place("us-manhattan", "US", ("Manhattan", "New York"), ("New York",)),
          Place("us-ny-second", "US", ("New York",), ("New York",))]
    assert concerned("Two New York residents ran the Manhattan station.", "US", ny)[0] == \
        ["us-manhattan"]


def test_stations_reported_after_an_action_are_not_concerned_by_it():
    late = [*NL, Place("nl-late", "NL", ("Utrecht",), ("Utrecht",), date(2023, 6, 1))]
    keys, _ = concerned("All stations were closed.", "NL", late, date(2022, 12, 20))
    assert keys == ["nl-rotterdam", "nl-amsterdam"]


def test_an_action_about_something_else_concerns_no_station():
    text = "Charges for food-sanitation offences; these do not concern police-station activity."
    assert concerned(text, "NL", NL[:1]) == ([], "unrelated")


def test_status_moves_forward_only_and_keeps_first_dates():
    status, dates = derived("investigated", [
        Action("b", "closed", date(2022, 12, 20)),
        Action("a", "closure_ordered", date(2022, 11, 1)),
        Action("c", "investigation", date(2023, 2, 1))])
    assert status == "closed"
    assert dates == {"closure_ordered": date(2022, 11, 1), "closed": date(2022, 12, 20),
                     "investigated": date(2023, 2, 1)}


def test_the_bundled_reference_data_agrees_with_itself():
    data = load_reference()
    assert contradictions(data) == []
    lives = station_lifecycles(data)
    for key in ("nl-rotterdam", "nl-amsterdam"):
        assert lives[key] == ("closed", {"closure_ordered": date(2022, 11, 1),
                                         "closed": date(2022, 12, 20),
                                         **({"investigated": date(2023, 2, 1)}
                                            if key == "nl-amsterdam" else {})})


STATIONS = """host_country_iso2,host_country,city,operating_bureau,first_reported_by,\
reported_date,front_type_if_reported,status,source_url,notes
NL,Netherlands,Rotterdam,Fuzhou PSB,SD,2022-09-12,,investigated,https://e.org/r,
NL,Netherlands,Amsterdam,unknown,SD,2022-09-12,,investigated,https://e.org/a,
"""
RESPONSES = """host_country_iso2,date,actor,action,summary,source_url
NL,2022-11-01,Foreign Minister,closure_ordered,The Amsterdam and Rotterdam stations must \
shut.,https://e.org/c
"""


def test_a_closure_order_while_stations_say_investigated_is_a_contradiction():
    data = ReferenceData(parse_stations(STATIONS), parse_responses(RESPONSES))
    found = contradictions(data)
    assert [(c.station, c.stated, c.implied) for c in found] == [
        ("nl-rotterdam", "investigated", "closure_ordered"),
        ("nl-amsterdam", "investigated", "closure_ordered")]
    assert "nl-2022-11-01-closure_ordered" in str(found[0])
