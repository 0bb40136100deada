"""The canary leak test: unique strings planted in every sensitive field of several cases must
not appear in any public page, export, API response, the search index, the logs, the published
static atlas and data release, or any database column outside the sealed fields."""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace

import pytest
from django.db import connection
from django.urls import reverse

from stationwatch_web.atlas.models import Bureau, Station
from stationwatch_web.cases.models import Case
from stationwatch_web.cases.services import case_keys_init, case_read, case_save
from stationwatch_web.publish.services import archive_dir, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def canaries(settings, tmp_path, loaded):
    settings.SW = replace(settings.SW, case_keys_file=str(tmp_path / "keys.json"), case_keys="")
    case_keys_init()
    planted = []
    for i in range(3):
        values = {name: f"CANARY-{name}-{uuid.uuid4().hex}" for name in Case.SENSITIVE}
        planted += values.values()
        case_save(Case(code=f"C-{i:04d}", country="NL", tactics=["threats_to_family"],
                       bureau=Bureau.objects.first()), **values)
    return planted


def public_paths() -> list[str]:
    paths = ["/", "/map-data.json", "/timeline.json", "/stations/", "/statistics/",
             "/exports/", "/api/stations?limit=1000", "/api/countries", "/api/bureaus",
             "/api/responses?limit=1000", "/api/openapi.json"]
    paths += [f"/exports/{n}" for n in ("stations.csv", "stations.geojson", "stations.json",
                                        "responses.csv")]
    for s in Station.objects.filter(published=True):
        paths += [f"/stations/{s.key}/", f"/api/stations/{s.key}", f"/countries/{s.country}/"]
    paths += [f"/bureaus/{b.key}/" for b in Bureau.objects.all()]
    return sorted(set(paths))


def text_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_no_canary_anywhere(client, admin_client, canaries, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    seen = []
    for path in public_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        seen.append((path, text_of(response)))
    for canary in canaries:  # the search index, as an analyst with every permission
        page = text_of(admin_client.get(reverse("search"), {"q": canary}))
        assert "0 sources" in page and "Nothing found" in page  # the page echoes the query
    seen.append(("admin case list", text_of(admin_client.get("/admin/cases/case/"))))
    # The published static atlas and data release, and the app's kept copy of it.
    published = publish(tmp_path / "release")
    for root in (published.outdir, archive_dir(published.release.version)):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            seen.append((str(path), path.read_bytes().decode("utf-8", "replace")))
    assert len(seen) > 150
    leaks = [(where, c) for where, body in seen for c in canaries if c in body]
    assert leaks == []

    # Every column of every table, the search index's own tables included.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            cursor.execute(f'SELECT * FROM "{table}"')
            dump = repr(cursor.fetchall())
            assert not [c for c in canaries if c in dump], table
    assert not [c for c in canaries if c in caplog.text]

    # The owner of the keys still reads them back, and that read is what the audit records.
    case = Case.objects.get(code="C-0000")
    assert case_read(case)["subject"] in canaries
