"""Releases published so far: what each held, so later changelogs can say what changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Release(models.Model):
    version = models.CharField(max_length=40, unique=True)
    date = models.DateField(help_text="The release's date, printed on every page.")
    digest = models.CharField(max_length=64,
                              help_text="SHA-256 over the data files: same data, same digest.")
    manifest_sha256 = models.CharField(max_length=64, help_text="SHA-256 of MANIFEST.sha256.")
    stations = models.JSONField(default=list,
                                help_text="Key, place, status, bureau and confidence of each "
                                          "published station, for changelogs.")
    counts = models.JSONField(default=dict)
    unreviewed = models.JSONField(default=list, blank=True,
                                  help_text="Records published with --allow-unreviewed.")
    audit_head = models.JSONField(default=dict, blank=True,
                                  help_text="The audit log's head when this version was first "
                                            "published (seq, hash, mac), pinned in its "
                                            "release.json.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"release {self.version} of {self.date}"
