"""Moving a database from the previous reference edition (73 stations, 60 responses) to the
2026-11 edition: nothing an analyst reviewed or edited is replaced; where the new edition
disagrees, its value waits in the review queue as a candidate claim."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

from stationwatch.places.reference import load_reference
from stationwatch_web.atlas.models import Response, Station
from stationwatch_web.atlas.services import reference_load, station_save
from stationwatch_web.evidence.models import Claim
from stationwatch_web.review.selectors import queue_claims
from stationwatch_web.review.services import claim_review
from tests.conftest import bundled_counts

pytestmark = pytest.mark.django_db
V1 = Path(__file__).resolve().parent.parent / "data" / "reference_v1"  # git show of the old CSVs


def reviewed_state() -> dict[int, tuple]:
    return {c.pk: (c.kind, c.value, c.status, c.credibility, c.reviewer_id, c.reviewed_at)
            for c in Claim.objects.exclude(reviewer=None)}


@pytest.fixture(scope="session")
def previous_edition():
    return load_reference(V1 / "reported_stations.csv", V1 / "government_responses.csv")


@pytest.fixture
def old_database(django_user_model, previous_edition):
    """A database loaded from the previous edition, then worked on by hand, as it was before
    records remembered what the reference data set (the migration rebuilds that)."""
    reference_load(data=previous_edition)
    Station.objects.update(reference_values={})
    Response.objects.update(reference_values={})
    import_module("stationwatch_web.atlas.migrations.0003_reference_values").backfill(apps, None)
    analyst = django_user_model.objects.create_superuser("analyst", password="x" * 16)
    # Rotterdam: the analyst confirms the station claim as it stood ("investigated").
    rotterdam = Claim.objects.get(key="ref:station:nl-rotterdam")
    claim_review(claim=rotterdam, user=analyst, decision="accept", note="checked NRC")
    # Markham (renamed in v2): the analyst corrected the front type in the claim.
    markham = Claim.objects.get(key="ref:station:ca-markham-ontario-2-sites")
    claim_review(claim=markham, user=analyst, decision="accept",
                 value={**markham.value, "front_type": "office"})
    # Belfast: the analyst rejected the claim.
    claim_review(claim=Claim.objects.get(key="ref:station:gb-belfast"), user=analyst,
                 decision="reject", note="one tabloid")
    # Vancouver: an editor rewrote the notes.
    vancouver = Station.objects.get(key="ca-vancouver-area-richmond-bc")
    vancouver.notes = "Analyst's own summary."
    station_save(station=vancouver, user=analyst)
    # The Dutch closure order: accepted as it stands.
    order = Claim.objects.get(key__startswith="ref:response:nl-2022-11-01-closure")
    claim_review(claim=order, user=analyst, decision="accept")
    return analyst


def test_an_old_database_upgrades_with_every_reviewed_claim_intact(old_database,
                                                                   reference_data):
    before = reviewed_state()
    station_pks = dict(Station.objects.values_list("key", "pk"))
    report = reference_load(data=reference_data)
    assert report.changed
    assert reviewed_state() == before
    # 106 stations in 49 countries, no old row left behind twice after the splits.
    assert Station.objects.count() == bundled_counts()["stations"]
    assert Station.objects.values("country").distinct().count() == 49
    assert Response.objects.count() == 86
    markham = Station.objects.get(key="ca-markham-ontario-site-1-of-2")
    assert markham.pk == station_pks["ca-markham-ontario-2-sites"]
    assert markham.claims.get(status="accepted").value["front_type"] == "office"
    # Untouched fields move to v2; an analyst's edit stays and v2's value is queued.
    vancouver = Station.objects.get(key="ca-vancouver-area-richmond-bc")
    assert vancouver.notes == "Analyst's own summary."
    queued = queue_claims()
    assert queued.filter(stations=vancouver, review_note__contains="notes: kept").exists()
    # The Dutch stations: the accepted closure order moved them to "closure ordered"; v2 says
    # "closed". The reviewed state stays and v2's word waits in the queue.
    for key in ("nl-rotterdam", "nl-amsterdam"):
        station = Station.objects.get(key=key)
        assert station.status == "closure_ordered"
        assert queued.get(stations=station).value["status"] == "closed"
    assert "reviewed claim" in queued.get(stations__key="nl-rotterdam").review_note
    # Nobody touched the second New York site: v2's bureau applies, nothing is queued.
    second = Station.objects.get(key="us-new-york-second-reported-site")
    assert second.bureau.key == "Wenzhou" and not queued.filter(stations=second).exists()
    belfast = Claim.objects.get(key="ref:station:gb-belfast")
    assert belfast.status == "rejected" and not belfast.stations.exists()
    # The renamed responses kept their records; the new ones were added.
    assert Response.objects.filter(key="gb-2023-08-01-statement-metropolitan-police").exists()
    assert not Response.objects.filter(key__startswith="gb-2023-01-01").exists()


def test_upgrading_twice_changes_nothing_and_queues_once(old_database, reference_data):
    data = reference_data
    reference_load(data=data)
    queued = queue_claims().count()
    again = reference_load(data=data)
    assert not again.changed, str(again)
    assert queue_claims().count() == queued


def test_a_fresh_database_serves_the_new_edition(db, reference_data):
    reference_load(data=reference_data)
    assert Station.objects.filter(published=True).count() == 106
    assert Station.objects.values("country").distinct().count() == 49
    assert not queue_claims().exists()
    peru = Station.objects.get(key="pe-location-not-given")
    assert peru.city == "" and peru.region == "" and peru.latitude is None
    uncertain = Station.objects.filter(uncertain=True)
    assert uncertain.count() == 18
    assert {c.credibility for s in uncertain for c in s.claims.all()} == {4}


def test_starting_the_app_on_an_older_edition_upgrades_it(db, previous_edition):
    from stationwatch_web.audit.services import audit_record
    from stationwatch_web.setup import database_ready

    reference_load(data=previous_edition)
    audit_record(action="reference.load", detail={"created": {}})  # as the old loader wrote it
    message = database_ready(migrate=True, load_reference=True)
    assert message.startswith("reference data 2026-11: ")
    assert Station.objects.count() == bundled_counts()["stations"]
    assert database_ready(migrate=True, load_reference=True) == "database ready"
