"""The audit log: append-only, enforced in the ORM and by database triggers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(Exception):
    """An audit event may be added, never changed or removed."""


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=150, help_text="Who, kept if the user goes.")
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    seq = models.BigIntegerField(unique=True, null=True,
                                 help_text="Position in the hash chain, from 1, no gaps.")
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True,
                            help_text="SHA-256 over the previous hash and this entry.")
    mac = models.CharField(max_length=100, null=True, blank=True,
                           help_text="Key id and HMAC-SHA256 of the hash, under the audit key "
                                     "ring kept outside the database.")

    class Meta:
        ordering = ["id"]

    def chain_fields(self) -> dict[str, Any]:
        """What the entry's hash covers."""
        return {"seq": self.seq, "at": self.at.isoformat(), "actor": self.actor_label,
                "action": self.action, "object_type": self.object_type,
                "object_id": self.object_id, "detail": self.detail}

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")

    def __str__(self) -> str:
        return f"#{self.pk} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"
