"""Pseudonymous persuasion-to-return cases (private; never published)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from stationwatch import model


def validate_tactics(value: object) -> None:
    if not isinstance(value, list) or not all(t in model.CASE_TACTICS for t in value):
        raise ValidationError(
            f"tactics must be a list drawn from {sorted(model.CASE_TACTICS.keys())}")


class Case(models.Model):
    code = models.CharField(max_length=40, unique=True, help_text="Pseudonymous code: C-0001.")
    country = models.CharField(max_length=2, help_text="Host country of the targeted person.")
    bureau = models.ForeignKey("atlas.Bureau", null=True, blank=True, on_delete=models.PROTECT)
    tactics = models.JSONField(default=list, blank=True, validators=[validate_tactics])
    outcome = models.CharField(max_length=16, choices=model.CASE_OUTCOMES.choices(),
                               default="unknown")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    # Sensitive fields: AES-GCM ciphertext only (stationwatch.sealing), bound to the case code and
    # field; written and read through cases.services, never directly.
    subject_enc = models.BinaryField(null=True, blank=True, editable=False)
    contacts_enc = models.BinaryField(null=True, blank=True, editable=False)
    narrative_enc = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    SENSITIVE = ("subject", "contacts", "narrative")

    class Meta:
        ordering = ["code"]

    def aad(self, name: str) -> bytes:
        """Associated data: a ciphertext opens only in this case's field it was sealed for."""
        return f"stationwatch/case/{self.code}/{name}".encode()

    def __str__(self) -> str:
        return self.code
