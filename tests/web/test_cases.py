"""Cases: sensitive fields sealed with AES-GCM bound to row and field, keys outside the
database, every read audited, rotation re-seals everything."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from stationwatch.errors import ConfigError
from stationwatch.sealing import KeyRing, SealError, load_keyring
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.cases.models import Case
from stationwatch_web.cases.services import (
    case_keys_init,
    case_keys_rotate,
    case_read,
    case_save,
    keyring,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys(settings, tmp_path):
    settings.SW = replace(settings.SW, case_keys_file=str(tmp_path / "keys.json"), case_keys="")
    case_keys_init()
    return tmp_path / "keys.json"


def new_case(code: str = "C-0001", **sensitive: str) -> Case:
    fields = {"subject": "Person A, 40s", "contacts": "via cousin",
              "narrative": "Pressure on relatives at home.", **sensitive}
    return case_save(Case(code=code, country="NL", tactics=["threats_to_family"]), **fields)


def test_fields_are_stored_sealed_and_read_back(keys):
    case = new_case()
    stored = Case.objects.get(pk=case.pk)
    assert b"Person A" not in bytes(stored.subject_enc) and bytes(stored.subject_enc)[:3] == b"SW1"
    assert case_read(stored)["narrative"] == "Pressure on relatives at home."
    assert AuditEvent.objects.filter(action="case.read", object_id=str(case.pk)).count() == 1
    assert oct(keys.stat().st_mode)[-3:] == "600"


def test_a_ciphertext_moved_to_another_row_or_field_does_not_open(keys):
    a, b = new_case("C-0001"), new_case("C-0002", subject="Person B")
    Case.objects.filter(pk=b.pk).update(subject_enc=a.subject_enc)
    with pytest.raises(SealError, match="moved from another row or field"):
        case_read(Case.objects.get(pk=b.pk))
    Case.objects.filter(pk=a.pk).update(contacts_enc=a.subject_enc)
    with pytest.raises(SealError):
        case_read(Case.objects.get(pk=a.pk))


def test_rotation_reseals_everything_and_retires_the_old_key(keys):
    case = new_case()
    old = load_keyring(keys)
    before = bytes(Case.objects.get(pk=case.pk).narrative_enc)
    message = case_keys_rotate()
    ring = load_keyring(keys)
    assert old.active not in ring.keys and list(ring.keys) == [ring.active]
    after = Case.objects.get(pk=case.pk)
    assert bytes(after.narrative_enc) != before
    assert ring.key_id(bytes(after.narrative_enc)) == ring.active
    assert case_read(after)["subject"] == "Person A, 40s" and "re-sealed 3 fields" in message
    with pytest.raises(SealError, match="does not hold"):
        ring.open(before, after.aad("narrative"))


def test_without_a_key_ring_nothing_is_written(settings, tmp_path):
    settings.SW = replace(settings.SW, case_keys_file=str(tmp_path / "none.json"), case_keys="")
    with pytest.raises(ConfigError, match="case-keys init"):
        new_case()
    assert not Case.objects.exists()


def test_a_key_ring_from_the_environment(settings, tmp_path):
    ring = KeyRing.new()
    settings.SW = replace(settings.SW, case_keys=ring.to_json(),
                          case_keys_file=str(tmp_path / "unused.json"))
    case = new_case()
    assert keyring().active == ring.active and case_read(case)["contacts"] == "via cousin"
    with pytest.raises(ConfigError, match="environment"):
        case_keys_rotate()


@pytest.mark.parametrize("text", ["", "{}", "not json", json.dumps({"active": "k", "keys": {
    "k": "c2hvcnQ="}})])
def test_a_bad_key_ring_is_a_clear_error(tmp_path, text):
    path = tmp_path / "k.json"
    path.write_text(text)
    with pytest.raises(ConfigError, match="k.json"):
        load_keyring(path)
