"""Sources and claims in the admin, read-only: a source is stored by ingest (its blob hash in
the audit log), a claim is decided in review (`claim_review`: audit, two-person rule, role
checks). Nothing here goes around them."""

from __future__ import annotations

from django.contrib import admin

from stationwatch_web.atlas.admin import ReadOnlyAdmin

from .models import Claim, Source


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "title", "reliability", "language", "sha256")
    list_filter = ("kind", "reliability", "language")
    search_fields = ("url", "title", "sha256")


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "status", "credibility", "source", "extractor_version")
    list_filter = ("kind", "status", "credibility")
