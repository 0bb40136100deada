"""Every role x every object route x a hidden object: 404, never 403, and counts that do not
betray hidden rows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client

from stationwatch_web.access import ensure_roles, visible_to
from stationwatch_web.atlas.models import Station
from stationwatch_web.cases.models import Case
from stationwatch_web.evidence.models import Claim, IngestJob, Source

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "viewer", "analyst", "editor", "case officer", "admin"]


@pytest.fixture
def world(loaded, django_user_model):
    """Published reference data plus one unpublished station, a candidate claim and a job."""
    ensure_roles()
    source = Source.objects.create(kind="file", sha256="ab" * 32, text="Hidden report.")
    claim = Claim.objects.create(source=source, kind="station", value={"country": "NG"},
                                 status="candidate")
    hidden = Station.objects.create(key="ng-secret-site", country="NG", city="Kano",
                                    published=False)
    hidden.claims.add(claim)
    job = IngestJob.objects.create(kind="urls", items=["https://example.org/"])
    clients = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            user = django_user_model.objects.create_user(role.replace(" ", "_"),
                                                         password="p" * 16,
                                                         is_superuser=role == "admin",
                                                         is_staff=role == "admin")
            if role != "admin":
                user.groups.add(Group.objects.get(name=role))
            client.force_login(user)
        clients[role] = client
    return {"clients": clients, "station": hidden, "claim": claim, "job": job}


# Expected status per role for each object route: 404 where the object is hidden.
MATRIX = {
    "/stations/ng-secret-site/": {"anonymous": 404, "viewer": 200, "analyst": 200,
                                  "editor": 200, "case officer": 404, "admin": 200},
    "/api/stations/ng-secret-site": dict.fromkeys(ROLES, 404),  # the API is the public dataset
    "claim": {"anonymous": 404, "viewer": 404, "analyst": 200, "editor": 200,
              "case officer": 404, "admin": 200},
    "job": {"anonymous": 404, "viewer": 404, "analyst": 200, "editor": 200,
            "case officer": 404, "admin": 200},
}


@pytest.mark.parametrize("route", list(MATRIX))
def test_hidden_objects_are_404_for_those_who_may_not_see_them(world, route):
    path = {"claim": f"/review/claims/{world['claim'].pk}/",
            "job": f"/ingest/jobs/{world['job'].pk}/"}.get(route, route)
    got = {role: world["clients"][role].get(path).status_code for role in ROLES}
    assert got == MATRIX[route]
    assert 403 not in got.values()


def test_public_counts_do_not_include_hidden_rows(world):
    anonymous = world["clients"]["anonymous"]
    published = Station.objects.filter(published=True).count()
    markers = anonymous.get("/map-data.json").json()
    assert sum(c["count"] for c in markers["countries"]) == published
    assert "ng-secret-site" not in anonymous.get("/stations/?country=NG").content.decode()
    assert anonymous.get("/api/stations").json()["count"] == published
    assert f"{published} reported stations" in anonymous.get("/").content.decode()
    export = b"".join(anonymous.get("/exports/stations.csv").streaming_content).decode()
    assert "ng-secret-site" not in export


def test_visible_to_is_the_one_rule(world, django_user_model):
    anon = AnonymousUser()
    assert not visible_to(anon, Station.objects.filter(key="ng-secret-site")).exists()
    assert not visible_to(anon, Claim.objects.filter(pk=world["claim"].pk)).exists()
    assert not visible_to(anon, Source.objects.filter(text="Hidden report.")).exists()
    assert not visible_to(anon, IngestJob.objects.all()).exists()
    Case.objects.create(code="C-0001", country="NG")
    assert not visible_to(anon, Case.objects.all()).exists()
    officer = django_user_model.objects.get(username="case_officer")
    assert visible_to(officer, Case.objects.all()).count() == 1
    viewer = django_user_model.objects.get(username="viewer")
    assert not visible_to(viewer, Case.objects.all()).exists()
