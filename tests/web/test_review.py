"""Review: accept, reject and edit candidates; stations built from accepted evidence;
corroboration counts a story once; the extractor's re-review never touches accepted claims."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from stationwatch.ingest import load_path
from stationwatch_web.atlas.models import Response, Station
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.evidence.models import Claim, Source
from stationwatch_web.review.services import ReviewError, claim_review, claims_reextract
from tests.conftest import DEV_DOCS
from tests.web.stored import store_document

pytestmark = pytest.mark.django_db
DOCS = DEV_DOCS


def ingest_doc(name: str, *, prefix: str = "") -> Source:
    doc = next(load_path(DOCS / name))
    payload = (prefix + doc.text).encode() if prefix else (DOCS / name).read_bytes()
    if prefix:
        doc.text = prefix + doc.text
    return store_document(doc, payload=payload, origin=name).source


def lagos(source: Source) -> Claim:
    return source.claims.get(kind="station", value__city="Lagos")


def test_the_queue_groups_candidates_by_proposed_station(client, analyst):
    ingest_doc("d019.html")
    page = client.get(reverse("review-queue")).content.decode()
    assert "Lagos, NG" in page and "candidate claim" in page
    group = client.get(reverse("review-group"), {"kind": "station", "country": "NG",
                                                "city": "Lagos"})
    claim = Claim.objects.get(kind="station", value__city="Lagos")
    assert group["Location"] == reverse("review-claim", args=[claim.pk])


def test_the_claim_page_highlights_its_evidence_in_the_source_text(client, analyst):
    claim = lagos(ingest_doc("d019.html"))
    page = client.get(reverse("review-claim", args=[claim.pk])).content.decode()
    quote = claim.evidence[0]["quote"]
    assert f"<mark>{escape(quote)}</mark>" in page
    assert 'accesskey="a"' in page and "review/review.js" in page


def test_accepting_creates_an_unpublished_station_labelled_single_weak(client, analyst):
    claim = lagos(ingest_doc("d019.html"))
    response = client.post(reverse("review-claim", args=[claim.pk]), {
        "decision": "accept", "country": "NG", "city": "Lagos", "bureau": "",
        "credibility": "3", "reliability": "F", "station": "", "note": ""})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "accepted" and claim.reviewer == analyst and claim.reviewed_at
    station = Station.objects.get(country="NG")
    # Publishing is an editor's act (issue 16): the analyst's acceptance does not publish.
    assert not station.published and station.city == "Lagos" and station.latitude
    assert station.continent == "AF" and station.confidence == "single_weak"
    assert list(station.claims.all()) == [claim]
    assert AuditEvent.objects.filter(action="claim.accept", object_id=str(claim.pk)).exists()
    assert AuditEvent.objects.filter(action="station.create").count() == 1


def test_edits_keep_the_machine_value_and_grades_lift_confidence(analyst):
    claim = lagos(ingest_doc("d019.html"))
    machine = dict(claim.machine_value)
    claim_review(claim=claim, user=analyst, decision="accept",
                 value={**claim.value, "bureau": "Fuzhou"}, credibility=2, reliability="B")
    claim.refresh_from_db()
    assert claim.value["bureau"] == "Fuzhou" and claim.machine_value == machine
    station = Station.objects.get(country="NG")
    assert station.bureau.key == "Fuzhou" and station.confidence == "single"
    assert claim.source.reliability == "B"


def test_rejecting_attaches_nothing(analyst):
    claim = lagos(ingest_doc("d019.html"))
    claim_review(claim=claim, user=analyst, decision="reject")
    claim.refresh_from_db()
    assert claim.status == "rejected" and not Station.objects.filter(country="NG").exists()


def test_a_syndicated_copy_does_not_count_as_corroboration(analyst):
    first = ingest_doc("d019.html")
    copy = ingest_doc("d019.html", prefix="Republished from a partner site.\n")
    assert copy.story_group == first.pk
    for source in (first, copy):
        claim_review(claim=lagos(source), user=analyst, decision="accept", credibility=2,
                     reliability="B")
    station = Station.objects.get(country="NG")
    assert station.claims.count() == 2
    assert station.independent_sources == 1 and station.confidence == "single"


def test_an_accepted_response_moves_the_country_stations_along_the_lifecycle(analyst, loaded):
    source = ingest_doc("d036.txt")
    claim = source.claims.filter(kind="response", value__country="NL",
                                 value__action="closure").first()
    assert claim is not None
    before = {s.key: s.status for s in Station.objects.filter(country="NL")}
    claim_review(claim=claim, user=analyst, decision="accept", credibility=2, reliability="B")
    assert Response.objects.filter(claims=claim, action="closure_ordered").exists()
    for s in Station.objects.filter(country="NL"):
        assert s.status in {"closure_ordered", "closed", "charged", "convicted"}
        if before[s.key] == "reported":
            assert s.closure_ordered_on is not None


def test_a_bad_review_changes_nothing(client, analyst):
    claim = lagos(ingest_doc("d019.html"))
    response = client.post(reverse("review-claim", args=[claim.pk]), {
        "decision": "accept", "country": "XX", "city": "Lagos", "credibility": "3",
        "reliability": "F"})
    assert response.status_code == 400 and "unknown ISO 3166-1 country code" in \
        response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "candidate" and not Station.objects.filter(country="NG").exists()
    with pytest.raises(ReviewError, match="credibility must be 1-6"):
        claim_review(claim=claim, user=analyst, decision="accept", credibility=9)
    with pytest.raises(ReviewError, match="unknown decision"):
        claim_review(claim=claim, user=analyst, decision="maybe")


def test_a_new_extractor_replaces_candidates_and_flags_reviewed_claims(analyst):
    source = ingest_doc("d019.html")
    accepted = lagos(source)
    claim_review(claim=accepted, user=analyst, decision="accept")
    # Pretend an older extractor made these claims, one of which it no longer proposes.
    Claim.objects.filter(source=source).update(extractor_version="old/0")
    Claim.objects.filter(pk=accepted.pk).update(machine_value={**accepted.machine_value,
                                                              "city": "Abuja"})
    candidates_before = source.claims.filter(status="candidate").count()
    report = claims_reextract()
    assert report.sources == 1 and report.replaced == candidates_before
    assert report.flagged == 1
    accepted.refresh_from_db()
    assert accepted.status == "accepted" and accepted.needs_review
    assert accepted.value["city"] == "Lagos"  # never silently changed
    fresh = source.claims.filter(status="candidate")
    assert fresh.exists() and all(c.extractor_version != "old/0" for c in fresh)


def test_a_reviewed_claim_the_new_extractor_still_makes_is_not_proposed_again(analyst):
    source = ingest_doc("d019.html")
    accepted = lagos(source)
    claim_review(claim=accepted, user=analyst, decision="accept")
    Claim.objects.filter(source=source).update(extractor_version="old/0")
    report = claims_reextract()
    assert report.flagged == 0
    accepted.refresh_from_db()
    assert not accepted.needs_review
    assert not source.claims.filter(status="candidate", kind="station",
                                    value__city="Lagos").exists()


def test_review_pages_need_the_review_permission(client, django_user_model):
    assert client.get(reverse("review-queue")).status_code == 302  # signed out: sign in
    client.force_login(django_user_model.objects.create_user("reader"))
    # Signed in without the role: 403, not back to the sign-in page (a loop, issue 16).
    assert client.get(reverse("review-queue")).status_code == 403


def test_two_person_review_never_lets_anyone_accept_their_own_claim(
        analyst, django_user_model, settings):
    from dataclasses import replace

    from stationwatch_web.evidence.services import PROPOSER

    settings.SW = replace(settings.SW, two_person_review=True)
    second = django_user_model.objects.create_superuser("second", password="x" * 16)
    token = PROPOSER.set(analyst)  # as a web ingest job the analyst started
    try:
        claim = lagos(ingest_doc("d019.html"))
    finally:
        PROPOSER.reset(token)
    assert claim.proposed_by == analyst
    with pytest.raises(ReviewError, match="two-person review"):
        claim_review(claim=claim, user=analyst, decision="accept")
    claim.refresh_from_db()
    assert claim.status == "candidate" and not Station.objects.filter(country="NG").exists()

    # The second analyst edits: the edit is now their proposal, still a candidate.
    edited = claim_review(claim=claim, user=second, decision="accept",
                          value={**claim.value, "bureau": "Fuzhou"})
    assert edited.status == "candidate" and edited.proposed_by == second
    assert AuditEvent.objects.filter(action="claim.edit", object_id=str(claim.pk)).exists()
    with pytest.raises(ReviewError, match="two-person review"):
        claim_review(claim=claim, user=second, decision="accept")
    accepted = claim_review(claim=claim, user=analyst, decision="accept")
    assert accepted.status == "accepted" and accepted.value["bureau"] == "Fuzhou"
    assert Station.objects.get(country="NG").bureau.key == "Fuzhou"


def test_without_two_person_review_the_proposer_may_accept(analyst):
    from stationwatch_web.evidence.services import PROPOSER

    token = PROPOSER.set(analyst)
    try:
        claim = lagos(ingest_doc("d019.html"))
    finally:
        PROPOSER.reset(token)
    assert claim_review(claim=claim, user=analyst, decision="accept").status == "accepted"
