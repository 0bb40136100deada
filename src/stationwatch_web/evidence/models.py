"""Sources of evidence and the claims extracted from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from stationwatch import model


def _choices(mapping: dict[object, str]) -> list[tuple[object, str]]:
    return list(mapping.items())


class Source(models.Model):
    """One piece of evidence: stored bytes (hashed) or, for reference data, a citation only."""

    kind = models.CharField(max_length=16, choices=_choices(model.SOURCE_KINDS))
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retrieved_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    sha256 = models.CharField(max_length=64, unique=True, null=True, blank=True,
                              help_text="SHA-256 of the stored bytes; empty for citations.")
    media_type = models.CharField(max_length=100, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, help_text="Extracted main text; spans index into it.")
    reliability = models.CharField(max_length=1, choices=_choices(model.RELIABILITY),
                                   default="F")
    warc_record_id = models.CharField(max_length=100, blank=True)
    origin = models.CharField(max_length=1000, blank=True,
                              help_text="The file or archive the bytes were read from.")
    origin_offset = models.BigIntegerField(null=True, blank=True,
                                           help_text="Byte offset of the record in its origin.")
    tags = models.JSONField(default=list, blank=True, help_text="Labels given at ingest.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=Q(kind="citation"),
                                    name="source_unique_citation_url"),
            models.CheckConstraint(condition=Q(kind="citation") | Q(sha256__isnull=False),
                                   name="source_stored_bytes_have_hash"),
        ]
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.url or f"source {self.pk}"


class Claim(models.Model):
    """A proposition drawn from a source, with the exact words that support it."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    key = models.CharField(max_length=200, unique=True, null=True, blank=True,
                           help_text="Stable key for claims loaded from reference data.")
    kind = models.CharField(max_length=16, choices=_choices(model.CLAIM_KINDS))
    value = models.JSONField(help_text="The claim as it stands (reviewer edits included).")
    machine_value = models.JSONField(null=True, blank=True,
                                     help_text="The extractor's original value, kept verbatim.")
    evidence = models.JSONField(default=list, blank=True,
                                help_text="Spans [{start, end, quote}] into the source text.")
    status = models.CharField(max_length=16, choices=_choices(model.CLAIM_STATUSES),
                              default="candidate")
    credibility = models.PositiveSmallIntegerField(choices=_choices(model.CREDIBILITY),
                                                   default=6)
    extractor_version = models.CharField(max_length=40, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(credibility__gte=1, credibility__lte=6),
                                   name="claim_credibility_1_to_6"),
        ]
        indexes = [models.Index(fields=["status", "kind"])]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} claim {self.pk} ({self.status})"
