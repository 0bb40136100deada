"""Found documents become Sources with candidate claims; identical bytes, nothing new."""

import pytest

from stationwatch.extract import EXTRACTOR_VERSION
from stationwatch.ingest import load_bytes
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.evidence.models import Claim, Source
from stationwatch_web.evidence.services import blob_store
from tests.web.stored import store_document

pytestmark = pytest.mark.django_db

TEXT = (b"The Irish government ordered the closure of the Fuzhou police overseas service station "
        b"in Dublin. The Chinese embassy denied that it was a police station.")


def ingest():
    doc = load_bytes(TEXT, path="report.txt")
    return doc, store_document(doc, payload=TEXT, origin="report.txt")


def test_a_found_document_becomes_a_source_with_candidate_claims():
    doc, result = ingest()
    assert result.created and result.claims >= 3
    source = Source.objects.get()
    assert source.sha256 in blob_store() and blob_store().get(source.sha256) == TEXT
    assert source.text == doc.text and source.origin == "report.txt"
    claims = Claim.objects.filter(source=source)
    assert {c.kind for c in claims} >= {"station", "bureau", "response"}
    for c in claims:
        assert c.status == "candidate" and c.credibility == 6
        assert c.machine_value == c.value and c.extractor_version == EXTRACTOR_VERSION
        for ev in c.evidence:
            assert source.text[ev["start"]:ev["end"]] == ev["quote"]
    dublin = claims.get(kind="station", value__city="Dublin")
    assert dublin.value["country"] == "IE" and dublin.value["bureau"] == "Fuzhou"
    assert AuditEvent.objects.filter(action="source.ingest").count() == 1


def test_identical_bytes_create_nothing_new():
    ingest()
    before = (Source.objects.count(), Claim.objects.count(), AuditEvent.objects.count())
    _, again = ingest()
    assert not again.created and again.claims == 0
    assert (Source.objects.count(), Claim.objects.count(), AuditEvent.objects.count()) == before


def _ingest_text(text: str, name: str) -> Source:
    doc = load_bytes(text.encode(), path=name)
    return store_document(doc, payload=text.encode(), origin=name).source


def test_syndicated_copies_share_one_story_group_and_other_stories_do_not():
    from tests.conftest import DEV_DOCS

    docs = DEV_DOCS
    text = (docs / "d000.txt").read_text(encoding="utf-8")
    first = _ingest_text(text, "site-a.txt")
    copy = _ingest_text(f"Reprinted with permission.\n{text}\nShare this article", "site-b.txt")
    other = _ingest_text((docs / "d002.txt").read_text(encoding="utf-8"), "other.txt")
    first.refresh_from_db()
    assert first.story_group == first.pk
    assert copy.story_group == first.pk and copy.pk != first.pk
    assert other.story_group == other.pk
