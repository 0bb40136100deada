"""Loading the reference data: complete, graded, idempotent, all-or-nothing."""

import pytest

from stationwatch_web.atlas.models import Bureau, Response, Station
from stationwatch_web.atlas.services import reference_load
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.evidence.models import Claim, Source

pytestmark = pytest.mark.django_db


def counts():
    return {m.__name__: m.objects.count()
            for m in (Bureau, Station, Response, Source, Claim, AuditEvent)}


def test_reference_load_creates_every_record(loaded):
    assert Station.objects.count() == 106
    assert Station.objects.values("country").distinct().count() == 49
    assert Response.objects.count() == 86
    assert Claim.objects.filter(status="accepted").count() == 106 + 86
    assert not Claim.objects.exclude(status="accepted").exists()
    assert Source.objects.filter(kind="citation").count() == Source.objects.count()
    rotterdam = Station.objects.get(key="nl-rotterdam")
    assert rotterdam.bureau.key == "Fuzhou" and rotterdam.bureau.parent.key == "Fujian"
    assert (round(rotterdam.latitude), round(rotterdam.longitude)) == (52, 4)
    assert rotterdam.claims.get().source.url.startswith("https://www.nrc.nl/")
    assert Bureau.objects.get(key="Qingtian").parent.key == "Lishui"


def test_statuses_and_their_dates_follow_the_responses(loaded):
    # The Dutch ministers' order (2022-11-01) and statement that the stations had closed
    # (2022-12-20) concern both stations; the Amsterdam police inquiry (2023-02) Amsterdam only.
    rotterdam, amsterdam = (Station.objects.get(key=k) for k in ("nl-rotterdam", "nl-amsterdam"))
    for s in (rotterdam, amsterdam):
        assert s.status == "closed"
        assert (s.closure_ordered_on.isoformat(), s.closed_on.isoformat()) == (
            "2022-11-01", "2022-12-20")
    assert rotterdam.investigated_on is None
    assert amsterdam.investigated_on.isoformat() == "2023-02-01"


def test_loading_twice_changes_nothing(loaded, reference_data):
    before = counts()
    stamps = dict(Station.objects.values_list("key", "updated_at"))
    report = reference_load(data=reference_data)
    assert not report.changed and "nothing changed" in str(report)
    assert counts() == before
    assert dict(Station.objects.values_list("key", "updated_at")) == stamps


def test_uncertain_rows_get_low_grades(loaded):
    belfast = Station.objects.get(key="gb-belfast")
    assert belfast.uncertain
    claim = belfast.claims.get()
    assert claim.credibility == 4
    assert claim.source.reliability in {"B", "C", "D"}  # the URL's best grade over all rows
    strong = Station.objects.get(key="ie-dublin").claims.get()
    assert strong.credibility == 2 and strong.source.reliability == "B"


def test_the_load_is_audited_once(loaded, reference_data):
    reference_load(data=reference_data)
    assert AuditEvent.objects.filter(action="reference.load").count() == 1


def test_a_failure_half_way_leaves_nothing(db, reference_data):
    from dataclasses import replace

    # The sixth station names a bureau missing from the table: the load fails after five
    # stations, their claims and sources were written, on every database.
    broken = replace(reference_data.stations[5], bureau="Atlantis")
    data = replace(reference_data, stations=[*reference_data.stations[:5], broken])
    before = counts()
    with pytest.raises(KeyError, match="Atlantis"):
        reference_load(data=data)
    assert counts() == before
