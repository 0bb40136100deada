"""The claim page names what the claim is about, shows the machine's value as rows like the
reviewer's, and says who decided what and when, with the note."""

from __future__ import annotations

import pytest
from django.urls import reverse

from stationwatch_web.review.services import claim_review
from tests.web.test_review import ingest_doc, lagos

pytestmark = pytest.mark.django_db


def test_claim_page_titles_its_subject_and_lists_decisions(client, analyst):
    claim = lagos(ingest_doc("d019.html"))
    page = client.get(reverse("review-claim", args=[claim.pk])).content.decode()
    assert f"claim {claim.pk}: Lagos, Nigeria" in page
    assert "No decision yet." in page
    claim_review(claim=claim, user=analyst, decision="accept", note="seen in two papers")
    page = client.get(reverse("review-claim", args=[claim.pk])).content.decode()
    assert "analyst: accept" in page and "seen in two papers" in page
    type(claim).objects.filter(pk=claim.pk).update(value={**claim.value, "city": "Abuja"})
    page = client.get(reverse("review-claim", args=[claim.pk])).content.decode()
    assert "As the machine proposed it" in page and "{&#x27;" not in page
    assert "<dd>Lagos</dd>" in page and "<dd>Abuja</dd>" in page


def test_the_form_shows_the_grades_in_the_reviewers_language(client, analyst):
    claim = lagos(ingest_doc("d019.html"))
    path = reverse("review-claim", args=[claim.pk])
    english = client.get(path).content.decode()
    assert "Completely reliable" in english and "Confirmed by other sources" in english
    chinese = client.get(f"/zh-hans{path}").content.decode()
    assert "Completely reliable" not in chinese and "Confirmed by other sources" not in chinese
    assert '<html lang="zh-Hans">' in chinese
