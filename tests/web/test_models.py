"""Model constraints hold in the database itself, on SQLite and PostgreSQL alike."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError

from stationwatch_web.audit.models import AppendOnlyError, AuditEvent
from stationwatch_web.audit.services import audit_record
from stationwatch_web.cases.models import Case
from stationwatch_web.evidence.models import Claim, Source

pytestmark = pytest.mark.django_db


def test_stored_sources_need_a_hash_and_hashes_are_unique():
    Source.objects.create(kind="file", sha256="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(kind="file", sha256="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(kind="url", url="https://example.org/")


def test_a_citation_url_is_stored_once():
    Source.objects.create(kind="citation", url="https://example.org/x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(kind="citation", url="https://example.org/x")


def test_claim_credibility_is_one_to_six():
    source = Source.objects.create(kind="citation", url="https://example.org/c")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(source=source, kind="station", value={}, credibility=7)


def test_claims_keep_the_machine_value_beside_the_edited_value():
    source = Source.objects.create(kind="citation", url="https://example.org/m")
    claim = Claim.objects.create(source=source, kind="station",
                                 value={"city": "Rotterdam"}, machine_value={"city": "Rotterdam"},
                                 evidence=[{"start": 3, "end": 12, "quote": "Rotterdam"}])
    claim.value = {"city": "Amsterdam"}
    claim.save()
    claim.refresh_from_db()
    assert claim.machine_value == {"city": "Rotterdam"} and claim.value == {"city": "Amsterdam"}
    assert claim.evidence[0]["quote"] == "Rotterdam"


def test_sources_with_claims_cannot_be_deleted():
    source = Source.objects.create(kind="citation", url="https://example.org/p")
    Claim.objects.create(source=source, kind="figure", value={"n": 102})
    with pytest.raises(Exception, match="protected"):
        source.delete()


def test_case_tactics_come_from_the_fixed_taxonomy():
    from django.core.exceptions import ValidationError

    case = Case(code="C-0002", country="NL", tactics=["bribery_of_the_moon"])
    with pytest.raises(ValidationError, match="tactics"):
        case.full_clean()


def test_audit_events_are_append_only_in_the_orm():
    event = audit_record(action="test.event", detail={"n": 1})
    assert event.actor_label == "system"
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_audit_events_are_append_only_in_the_database():
    audit_record(action="test.event")
    table = AuditEvent._meta.db_table
    for sql in (f"UPDATE {table} SET action = 'x'", f"DELETE FROM {table}"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cur:
            cur.execute(sql)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().update(action="x")
    assert AuditEvent.objects.get().action == "test.event"
