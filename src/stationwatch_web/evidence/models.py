"""Sources of evidence and the claims extracted from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from stationwatch import model


class Source(models.Model):
    """One piece of evidence: stored bytes (hashed) or, for reference data, a citation only."""

    kind = models.CharField(max_length=16, choices=model.SOURCE_KINDS.choices())
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
    reliability = models.CharField(max_length=1, choices=model.RELIABILITY.choices(),
                                   default="F")
    warc_record_id = models.CharField(max_length=100, blank=True)
    origin = models.CharField(max_length=1000, blank=True,
                              help_text="The file or archive the bytes were read from.")
    origin_offset = models.BigIntegerField(null=True, blank=True,
                                           help_text="Byte offset of the record in its origin.")
    tags = models.JSONField(default=list, blank=True, help_text="Labels given at ingest.")
    requested_url = models.URLField(max_length=2000, blank=True,
                                    help_text="The URL asked for, when redirects led elsewhere.")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    http_headers = models.JSONField(default=list, blank=True,
                                    help_text="Response headers of a capture, as received.")
    capture_sha256 = models.CharField(max_length=64, blank=True,
                                      help_text="SHA-256 of the capture's WARC file "
                                                "(request and response records) in the store.")
    story_group = models.BigIntegerField(null=True, blank=True, db_index=True,
                                         help_text="Sources telling one story (syndicated "
                                                   "copies) share this: the first one's id.")
    minhash = models.BinaryField(null=True, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False,
                                   help_text="Title and text folded (case, accents, width, "
                                             "traditional script) for search.")
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
    kind = models.CharField(max_length=16, choices=model.CLAIM_KINDS.choices())
    value = models.JSONField(help_text="The claim as it stands (reviewer edits included).")
    machine_value = models.JSONField(null=True, blank=True,
                                     help_text="The extractor's original value, kept verbatim.")
    evidence = models.JSONField(default=list, blank=True,
                                help_text="Spans [{start, end, quote}] into the source text.")
    status = models.CharField(max_length=16, choices=model.CLAIM_STATUSES.choices(),
                              default="candidate")
    credibility = models.PositiveSmallIntegerField(choices=model.CREDIBILITY.choices(),
                                                   default=6)
    extractor_version = models.CharField(max_length=40, blank=True)
    needs_review = models.BooleanField(default=False,
                                       help_text="A newer extractor no longer proposes this "
                                                 "reviewed value: look again.")
    review_note = models.TextField(blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    help_text="Who ingested the source or last edited the value; "
                                              "under two-person review someone else accepts.")
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


class StoryBand(models.Model):
    """One LSH band key of a source's MinHash: sources sharing a key may tell one story."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=24, db_index=True)


class Feed(models.Model):
    """An RSS/Atom feed `stationwatch watch` polls; what it has seen is kept per entry."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=500, blank=True)
    active = models.BooleanField(default=True)
    tags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.url


class FeedEntry(models.Model):
    """An entry of a feed already ingested (never captured twice)."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    entry_id = models.CharField(max_length=500)
    link = models.URLField(max_length=2000)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "entry_id"],
                                               name="feed_entry_once")]


class IngestJob(models.Model):
    """A bulk ingest run as a background task; its counters are the progress the app shows."""

    KINDS = {"upload": "Uploaded files", "urls": "URL capture", "paths": "Server paths",
             "feeds": "Feed poll"}
    STATES = {"queued": "Queued", "running": "Running", "done": "Done", "failed": "Failed"}

    kind = models.CharField(max_length=10, choices=list(KINDS.items()))
    state = models.CharField(max_length=10, choices=list(STATES.items()), default="queued")
    items = models.JSONField(default=list, help_text="Paths or URLs to ingest.")
    tags = models.JSONField(default=list, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    already = models.PositiveIntegerField(default=0)
    claims = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list, blank=True,
                                help_text="[where, reason] of each item that failed.")
    error = models.TextField(blank=True, help_text="Why the whole job stopped, if it did.")
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"ingest job {self.pk} ({self.state})"

    @property
    def percent(self) -> int:
        return 100 if self.state == "done" else int(100 * self.done / self.total) \
            if self.total else 0
