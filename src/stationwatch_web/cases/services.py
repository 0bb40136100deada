"""Reading and writing cases' sensitive fields, sealed with the key ring kept outside the
database. Every read is audited; nothing here logs or returns plaintext anywhere else."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from stationwatch.errors import ConfigError
from stationwatch.sealing import KeyRing, load_keyring, save_keyring
from stationwatch_web.audit.services import audit_record

from .models import Case


def keyring() -> KeyRing:
    ring = load_keyring(settings.SW.case_keys_path, settings.SW.case_keys)
    if ring is None:
        raise ConfigError(f"no case key ring at {settings.SW.case_keys_path}: create one with "
                          f"`stationwatch case-keys init`")
    return ring


def case_save(case: Case, *, actor: Any = None, **sensitive: str) -> Case:
    """Seal the given sensitive fields (subject, contacts, narrative) and save the case."""
    unknown = set(sensitive) - set(Case.SENSITIVE)
    if unknown:
        raise ValueError(f"not sensitive fields of a case: {sorted(unknown)}")
    ring = keyring()
    with transaction.atomic():
        for name, text in sensitive.items():
            setattr(case, f"{name}_enc", ring.seal(text, case.aad(name)) if text else None)
        case.save()
        audit_record(actor=actor, action="case.write", obj=case,
                     detail={"fields": sorted(sensitive)})
    return case


def case_read(case: Case, *, actor: Any = None) -> dict[str, str]:
    """The case's sensitive fields in clear, for the one who asked; the read is audited."""
    ring = keyring()
    out = {}
    for name in Case.SENSITIVE:
        sealed = getattr(case, f"{name}_enc")
        out[name] = ring.open(bytes(sealed), case.aad(name)) if sealed else ""
    audit_record(actor=actor, action="case.read", obj=case)
    return out


def case_keys_init() -> str:
    path = settings.SW.case_keys_path
    if load_keyring(path, settings.SW.case_keys) is not None:
        raise ConfigError(f"a case key ring already exists at {path}")
    ring = KeyRing.new()
    save_keyring(ring, path)
    audit_record(action="case_keys.init", detail={"key": ring.active})
    return f"created a case key ring at {path} (key {ring.active}); keep a copy apart from " \
           f"the data backups"


def case_keys_rotate() -> str:
    """Seal every case field with a new key, then drop the old keys from the ring."""
    if settings.SW.case_keys:
        raise ConfigError("the key ring comes from the environment: rotate it where it is kept")
    path = settings.SW.case_keys_path
    old = keyring()
    new = old.rotated()
    save_keyring(new, path)  # old and new keys: every value opens during the re-seal
    count = 0
    with transaction.atomic():
        for case in Case.objects.select_for_update():
            for name in Case.SENSITIVE:
                sealed = getattr(case, f"{name}_enc")
                if sealed:
                    text = new.open(bytes(sealed), case.aad(name))
                    setattr(case, f"{name}_enc", new.seal(text, case.aad(name)))
                    count += 1
            case.save()
        audit_record(action="case_keys.rotate",
                     detail={"from": sorted(old.keys), "to": new.active, "fields": count})
    save_keyring(new.only_active(), path)
    return f"re-sealed {count} fields with key {new.active}; retired {', '.join(sorted(old.keys))}"
