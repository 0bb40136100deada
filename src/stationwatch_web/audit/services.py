"""Writing to the audit log."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEvent


def audit_record(*, actor: Any = None, action: str, obj: models.Model | None = None,
                 detail: dict[str, Any] | None = None, actor_label: str = "") -> AuditEvent:
    """Append one event; ``actor`` is a user or None for the system (CLI, loaders)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = actor_label or (user.get_username() if user is not None else "system")
    return AuditEvent.objects.create(
        actor=user, actor_label=label, action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "", detail=detail or {})
