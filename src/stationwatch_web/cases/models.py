"""Pseudonymous persuasion-to-return cases (private; never published)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from stationwatch import model


def validate_tactics(value: object) -> None:
    if not isinstance(value, list) or not all(t in model.CASE_TACTICS for t in value):
        raise ValidationError(f"tactics must be a list drawn from {sorted(model.CASE_TACTICS)}")


class Case(models.Model):
    code = models.CharField(max_length=40, unique=True, help_text="Pseudonymous code: C-0001.")
    country = models.CharField(max_length=2, help_text="Host country of the targeted person.")
    bureau = models.ForeignKey("atlas.Bureau", null=True, blank=True, on_delete=models.PROTECT)
    tactics = models.JSONField(default=list, blank=True, validators=[validate_tactics])
    outcome = models.CharField(max_length=16, choices=list(model.CASE_OUTCOMES.items()),
                               default="unknown")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    # Sensitive fields: ciphertext only, once encryption exists; until then they must stay empty
    # (the constraint below refuses any value, so nothing sensitive is ever stored in clear).
    subject_enc = models.BinaryField(null=True, blank=True, editable=False)
    contacts_enc = models.BinaryField(null=True, blank=True, editable=False)
    narrative_enc = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_enc__isnull=True, contacts_enc__isnull=True,
                            narrative_enc__isnull=True),
                name="case_sensitive_fields_empty_until_encrypted"),
        ]
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
