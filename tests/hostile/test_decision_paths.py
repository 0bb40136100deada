"""Every path to a decision goes through the services: the admin cannot accept a claim or
publish a station around review, the audit log and the roles; an analyst's acceptance never
publishes; two-person review holds for claims from every origin."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from stationwatch_web.access import ensure_roles
from stationwatch_web.atlas.models import Station
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.cases.models import Case
from stationwatch_web.cases.services import case_save
from stationwatch_web.evidence.models import Claim
from stationwatch_web.review.services import ReviewError, claim_review
from tests.web.test_cases import keys  # noqa: F401 - a fixture: a case key ring of its own
from tests.web.test_review import ingest_doc, lagos

pytestmark = pytest.mark.django_db


def member(django_user_model, name: str, role: str, *, staff: bool = True) -> Client:
    ensure_roles()
    user = django_user_model.objects.create_user(name, password="x" * 16, is_staff=staff)
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


def admin_form_post(client: Client, url: str, **changes):
    """Submit the admin's change form as shown, with ``changes``."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name in changes:
            value = changes[name]
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    return client.post(url, data)


def test_a_staff_analyst_cannot_accept_a_claim_in_the_admin(django_user_model):
    claim = lagos(ingest_doc("d019.html"))
    analyst = member(django_user_model, "ana", "analyst")
    url = f"/admin/evidence/claim/{claim.pk}/change/"
    response = analyst.post(url, {"source": claim.source_id, "kind": "station",
                                  "status": "accepted", "credibility": 1,
                                  "value": '{"country": "NG", "city": "Lagos"}',
                                  "machine_value": "{}", "evidence": "[]"})
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "candidate"
    assert not AuditEvent.objects.filter(action__startswith="claim.").exists()


def test_an_editor_publishes_only_a_station_an_accepted_claim_supports(django_user_model):
    claim = lagos(ingest_doc("d019.html"))
    analyst = member(django_user_model, "ana", "analyst")
    claim_review(claim=claim, user=analyst.user, decision="accept")
    station = Station.objects.get(country="NG")
    assert not station.published  # the analyst's acceptance does not publish

    bare = Station.objects.create(key="xx-nowhere", country="NG", city="Abuja")
    editor = member(django_user_model, "ed", "editor")
    refused = admin_form_post(editor, f"/admin/atlas/station/{bare.pk}/change/",
                              published=True)
    assert refused.status_code == 200 and "accepted claim supports it" in refused.content.decode()
    bare.refresh_from_db()
    assert not bare.published

    # An analyst (staff, no editor role) cannot publish either.
    assert analyst.post(f"/admin/atlas/station/{station.pk}/change/",
                        {"published": "on"}).status_code == 403
    station.refresh_from_db()
    assert not station.published

    done = admin_form_post(editor, f"/admin/atlas/station/{station.pk}/change/", published=True)
    assert done.status_code == 302
    station.refresh_from_db()
    assert station.published
    event = AuditEvent.objects.get(action="station.publish", object_id=str(station.pk))
    assert event.actor_label == "ed" and event.detail["after"] == {"published": True}


def test_the_admin_edits_no_sources_and_deletes_no_cases(keys, admin_client):  # noqa: F811
    source = ingest_doc("d019.html")
    assert admin_client.post(f"/admin/evidence/source/{source.pk}/delete/",
                             {"post": "yes"}).status_code == 403
    case = case_save(Case(code="C-1", country="NL"), subject="someone")
    assert admin_client.post(f"/admin/cases/case/{case.pk}/delete/",
                             {"post": "yes"}).status_code == 403
    assert Case.objects.filter(pk=case.pk).exists()


def test_one_view_of_a_case_is_one_audited_read(keys, admin_client):  # noqa: F811
    case = case_save(Case(code="C-2", country="NL"), subject="someone")
    assert admin_client.get(f"/admin/cases/case/{case.pk}/change/").status_code == 200
    assert AuditEvent.objects.filter(action="case.read", object_id=str(case.pk)).count() == 1


def test_two_person_review_holds_for_claims_no_person_proposed(django_user_model, settings):
    settings.SW = replace(settings.SW, two_person_review=True)
    claim = lagos(ingest_doc("d019.html"))  # as CLI ingest, `watch` or a scan stores it
    assert claim.proposed_by is None
    first = member(django_user_model, "ana", "analyst").user
    second = member(django_user_model, "bob", "analyst").user
    proposed = claim_review(claim=claim, user=first, decision="accept")
    assert proposed.status == "candidate" and proposed.proposed_by == first
    with pytest.raises(ReviewError, match="two-person review"):
        claim_review(claim=claim, user=first, decision="accept")
    assert claim_review(claim=claim, user=second, decision="accept").status == "accepted"
    assert Claim.objects.get(pk=claim.pk).reviewer == second
