from django.contrib import admin

from .models import Claim, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "title", "reliability", "language", "sha256")
    list_filter = ("kind", "reliability", "language")
    search_fields = ("url", "title", "sha256")


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "credibility", "source", "extractor_version")
    list_filter = ("kind", "status", "credibility")
    raw_id_fields = ("source", "reviewer")
