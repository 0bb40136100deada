"""Responses concern the stations their text names: accepting a closure order about Rotterdam
moves the Rotterdam station only; the reviewer sees the proposed link and can change it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stationwatch.ingest import Document
from stationwatch_web.atlas.models import Response, Station
from stationwatch_web.evidence.models import Claim
from stationwatch_web.review.services import claim_review
from tests.web.stored import store_document

pytestmark = pytest.mark.django_db
ROTTERDAM = ("On 3 November 2022 the Dutch government ordered the closure of the Chinese "
             "overseas police station in Rotterdam. The Foreign Minister said the office in "
             "Rotterdam must shut immediately.")


@pytest.fixture
def dutch_stations(db):
    return [Station.objects.create(key=f"nl-{c.lower()}", country="NL", city=c,
                                   location_label=c, status="reported", published=True)
            for c in ("Rotterdam", "Amsterdam")]


def closure_claim(text: str) -> Claim:
    doc = Document(path="news.txt", text=text, title="news")
    source = store_document(doc, payload=text.encode(), origin="news.txt").source
    return source.claims.get(kind="response", value__action="closure")


def test_accepting_a_response_about_one_city_changes_that_station_only(analyst,
                                                                      dutch_stations):
    claim = closure_claim(ROTTERDAM)
    claim_review(claim=claim, user=analyst, decision="accept")
    rotterdam, amsterdam = (Station.objects.get(key=k) for k in ("nl-rotterdam", "nl-amsterdam"))
    assert rotterdam.status == "closure_ordered" and rotterdam.closure_ordered_on is not None
    assert amsterdam.status == "reported" and amsterdam.closure_ordered_on is None
    response = Response.objects.get(claims=claim)
    assert list(response.stations.all()) == [rotterdam] and response.scope == "named"


def test_the_whole_country_when_the_text_says_so(analyst, dutch_stations):
    claim = closure_claim("The Dutch government ordered the closure of both Chinese police "
                          "stations in the Netherlands.")
    claim_review(claim=claim, user=analyst, decision="accept")
    assert set(Station.objects.values_list("status", flat=True)) == {"closure_ordered"}
    assert Response.objects.get(claims=claim).scope == "country"


def test_the_reviewer_sees_and_changes_the_link(client, analyst, dutch_stations):
    claim = closure_claim(ROTTERDAM)
    rotterdam, amsterdam = dutch_stations
    shown = client.get(reverse("review-claim", args=[claim.pk]))
    page = shown.content.decode()
    assert "Stations this action concerns" in page and f'value="{amsterdam.pk}"' in page
    field = shown.context["form"].fields["concerns"]
    assert field.initial == [str(rotterdam.pk)] and "the evidence names" in field.help_text
    posted = client.post(reverse("review-claim", args=[claim.pk]), {
        "decision": "accept", "country": "NL", "action": "closure_ordered", "credibility": "2",
        "reliability": "B", "concerns": [str(amsterdam.pk)]})
    assert posted.status_code == 302, posted.content.decode()[-3000:]
    rotterdam.refresh_from_db()
    amsterdam.refresh_from_db()
    assert (rotterdam.status, amsterdam.status) == ("reported", "closure_ordered")
    response = Response.objects.get(claims=claim)
    assert list(response.stations.all()) == [amsterdam] and response.scope == "reviewer"
