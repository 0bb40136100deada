"""Dates travel from a WARC record to the review (issue 13, input 11): a 2022 article ingested
from an archive keeps its publication and retrieval dates, and a response accepted from it is
dated 2022, not the day of the ingest."""

from __future__ import annotations

import datetime as dt

import pytest

from stationwatch_web.atlas.models import Response
from stationwatch_web.evidence.ingest import ingest_paths
from stationwatch_web.evidence.models import Source
from stationwatch_web.review.services import claim_review
from tests.conftest import REPO

pytestmark = pytest.mark.django_db
INPUTS = REPO / "tests" / "data" / "cases" / "inputs"


@pytest.fixture
def analyst(django_user_model):
    return django_user_model.objects.create_superuser("analyst", password="x" * 16)


def test_a_2022_archived_article_gives_a_2022_response(analyst, loaded):
    report = ingest_paths([str(INPUTS / "11-warc-article-dated-2022.warc.gz")])
    assert report.created == 1 and not report.failed
    source = Source.objects.get(url="https://news.example.nl/2022/10/26/police-stations")
    assert source.published_at == dt.datetime(2022, 10, 26, 7, 0, tzinfo=dt.UTC)
    assert source.retrieved_at == dt.datetime(2022, 10, 26, 8, 0, tzinfo=dt.UTC)
    claim = source.claims.filter(kind="response", value__country="NL").first()
    assert claim is not None
    claim_review(claim=claim, user=analyst, decision="accept", credibility=2, reliability="B")
    (response,) = Response.objects.filter(claims=claim)
    assert response.date == dt.date(2022, 10, 26)


def test_a_warc_sibling_without_page_dates_keeps_its_retrieval_date(tmp_path, loaded):
    from tests.data.warcs import http_response, page, record

    station = ("The Dutch foreign ministry said it was investigating two overseas police "
               "service stations in Rotterdam and Amsterdam run by the Fuzhou police.")
    path = tmp_path / "undated.warc"
    path.write_bytes(record(http_response(page(station), "Content-Type: text/html"),
                            date="2023-03-04T05:06:07Z"))
    ingest_paths([str(path)])
    source = Source.objects.get(url="https://a.example/")
    assert source.published_at is None
    assert source.retrieved_at == dt.datetime(2023, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
