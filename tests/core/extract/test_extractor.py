"""Extraction behaviour on small texts written for these tests, and on the dev WARC."""

import json
import subprocess

from stationwatch.extract import extract
from stationwatch.ingest import load_bytes
from tests.conftest import DEV, stationwatch_command


def run(text: str) -> dict:
    return extract(load_bytes(text.encode(), path="t.txt")).as_dict()


def places(result: dict) -> set:
    return {(s["country"], s["city"]) for s in result["stations"]}


def test_a_station_report_gives_city_country_bureau_and_exact_evidence():
    text = ("Police from Fuzhou set up an overseas police service station in Rotterdam, "
            "according to the report. Officials are looking into it.")
    r = run(text)
    assert r["relevant"] and ("NL", "Rotterdam") in places(r)
    station = next(s for s in r["stations"] if s["city"] == "Rotterdam")
    assert station["bureau"] == "Fuzhou"
    ev = station["evidence"][0]
    assert text[ev["start"]:ev["end"]] == ev["quote"] and "Rotterdam" in ev["quote"]
    assert [b["name"] for b in r["bureaus"]] == ["Fuzhou"]


def test_districts_resolve_to_their_city():
    r = run("An overseas police service station operated in Croydon, the report said.")
    assert ("GB", "London") in places(r)


def test_negated_places_and_places_of_return_are_not_stations():
    r = run("The overseas police service stations brought people back, and one was "
            "returned from Serbia. The minister said no station was found in Belgium.")
    assert ("RS", None) not in places(r) and ("BE", None) not in places(r)


def test_seat_of_an_ngo_is_not_a_station():
    r = run("The Madrid-based group says overseas police stations operate in Dublin.")
    assert ("ES", "Madrid") not in places(r) and ("IE", "Dublin") in places(r)


def test_traditional_chinese_terms_and_places_are_found():
    r = run("據報道，福州警僑事務海外服務站設在荷蘭鹿特丹。")
    assert r["relevant"] and ("NL", "Rotterdam") in places(r)


def test_an_unrelated_text_is_not_relevant():
    r = run("Rotterdam's port handled record container traffic this year, the port said.")
    assert not r["relevant"] and r["stations"] == []


def test_dev_warc_gives_the_same_results_as_the_files():
    out = subprocess.run([stationwatch_command(), "extract", str(DEV / "dev.warc.gz")],
                         capture_output=True, text=True, check=True).stdout
    from_warc = [json.loads(line) for line in out.splitlines()]
    gold = [json.loads(x) for x in (DEV / "gold.jsonl").read_text().splitlines()]
    files = subprocess.run([stationwatch_command(), "extract",
                            *[str(DEV / g["file"]) for g in gold]],
                           capture_output=True, text=True, check=True).stdout
    from_files = [json.loads(line) for line in files.splitlines()]
    assert len(from_warc) == len(from_files) == 61
    for w, f in zip(from_warc, from_files, strict=True):
        assert w["uri"].startswith("http")
        for key in ("lang", "relevant", "stations", "bureaus", "responses"):
            assert w[key] == f[key], (f["path"], key)


def test_bad_inputs_are_reported_and_the_rest_still_extracted(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("An overseas police service station operated in Dublin, says the report.")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 100)
    result = subprocess.run([stationwatch_command(), "extract", str(empty), str(good),
                             str(garbage)], capture_output=True, text=True)
    assert result.returncode == 1 and "2 input(s) had errors" in result.stderr
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows[0]["errors"] == ["empty document"]
    assert rows[2]["errors"] == ["binary data, not text"]
    assert rows[1]["relevant"] and rows[1]["errors"] == []


def test_eval_command_prints_scores_per_field():
    out = subprocess.run([stationwatch_command(), "eval", str(DEV),
                          "--no-misses"], capture_output=True, text=True, check=True).stdout
    for field in ("relevance", "station_countries", "station_cities", "bureaus", "responses"):
        assert field in out


def test_a_huge_text_is_refused_with_an_error():
    big = ("An overseas police service station operated in Dublin. " * 50_000).encode()
    r = extract(load_bytes(big, path="big.txt")).as_dict()
    assert r["errors"] and "too long" in r["errors"][0] and r["stations"] == []
