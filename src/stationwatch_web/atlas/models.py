"""Bureaus, stations and host-government responses: the atlas's records."""

from __future__ import annotations

from django.db import models

from stationwatch import model
from stationwatch_web.evidence.models import Claim


class Bureau(models.Model):
    key = models.CharField(max_length=60, unique=True, help_text="Short English name: Fuzhou.")
    name_en = models.CharField(max_length=200)
    name_zh = models.CharField(max_length=100, blank=True)
    level = models.CharField(max_length=16, choices=model.BUREAU_LEVELS.choices())
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class Station(models.Model):
    key = models.SlugField(max_length=120, unique=True)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 host country.")
    location_label = models.CharField(max_length=300, blank=True,
                                      help_text="The location as the source words it.")
    city = models.CharField(max_length=200, blank=True, help_text="GeoNames English name.")
    region = models.CharField(max_length=200, blank=True)
    geonameid = models.IntegerField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    bureau = models.ForeignKey(Bureau, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="stations")
    bureau_label = models.CharField(max_length=300, blank=True)
    front_type = models.CharField(max_length=16, choices=model.FRONT_TYPES.choices(),
                                  default="unknown")
    front_detail = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=model.STATUSES.choices(),
                              default="reported")
    reported_on = models.DateField(null=True, blank=True)
    reported_precision = models.CharField(max_length=5, choices=model.DATE_PRECISIONS.choices(),
                                          blank=True)
    investigated_on = models.DateField(null=True, blank=True)
    closure_ordered_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    charged_on = models.DateField(null=True, blank=True)
    convicted_on = models.DateField(null=True, blank=True)
    uncertain = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    continent = models.CharField(max_length=2, blank=True, help_text="GeoNames continent code.")
    confidence = models.CharField(max_length=12, choices=model.CONFIDENCE.choices(),
                                  default="none",
                                  help_text="From accepted claims; a story group counts once.")
    independent_sources = models.PositiveIntegerField(default=0)
    published = models.BooleanField(default=False)
    claims = models.ManyToManyField(Claim, blank=True, related_name="stations")
    reference_values = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="What the reference data last set, per field: a field that no longer "
                  "matches was edited by an analyst and a new edition never overwrites it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country", "city", "key"]
        indexes = [models.Index(fields=["country"]), models.Index(fields=["published"]),
                   models.Index(fields=["published", "confidence"])]

    def __str__(self) -> str:
        return f"{self.city or self.region or 'unknown location'}, {self.country}"


class Response(models.Model):
    key = models.SlugField(max_length=160, unique=True)
    country = models.CharField(max_length=2, help_text="Host country (EU for the Union).")
    actor = models.CharField(max_length=300)
    action = models.CharField(max_length=20, choices=model.ACTIONS.choices())
    date = models.DateField()
    date_precision = models.CharField(max_length=5, choices=model.DATE_PRECISIONS.choices(),
                                      default="day")
    date_text = models.CharField(max_length=60, blank=True)
    summary = models.TextField()
    claims = models.ManyToManyField(Claim, blank=True, related_name="responses")
    stations = models.ManyToManyField(Station, blank=True, related_name="responses",
                                      help_text="The stations the action concerns.")
    scope = models.CharField(max_length=10, blank=True,
                             help_text="How the stations were chosen: named (the text names "
                                       "their place), country, only, unrelated, unlinked, "
                                       "reviewer.")
    reference_values = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="What the reference data last set, per field: a field that no longer "
                  "matches was edited by an analyst and a new edition never overwrites it.")

    class Meta:
        ordering = ["date", "key"]

    def __str__(self) -> str:
        return f"{self.country} {self.action} {self.date_text or self.date}"
