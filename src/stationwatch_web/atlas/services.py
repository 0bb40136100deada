"""Writes to the atlas: loading the bundled reference data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from stationwatch import vocab
from stationwatch.reference import ReferenceData, ReferenceResponse, ReferenceStation
from stationwatch_web.audit.services import audit_record
from stationwatch_web.evidence.models import Claim, Source

from .models import Bureau, Response, Station

REFERENCE_EXTRACTOR = "reference-csv/1"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool, updated: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1
        elif updated:
            self.updated[kind] = self.updated.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        if not self.changed:
            return "reference data already loaded: nothing changed"
        parts = [f"created {n} {k}" for k, n in sorted(self.created.items())]
        parts += [f"updated {n} {k}" for k, n in sorted(self.updated.items())]
        return ", ".join(parts)


def _upsert(report: LoadReport, model: type[models.Model], kind: str,
            lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    """Create, or update only the fields that differ, so a second load writes nothing."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.count(kind, created=True, updated=False)
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
        report.count(kind, created=False, updated=True)
    return obj


def _bureaus(report: LoadReport) -> dict[str, Bureau]:
    out: dict[str, Bureau] = {}
    pending = list(vocab.bureaus().values())
    while pending:  # parents first
        ready = [b for b in pending if b.parent is None or b.parent in out]
        for b in ready:
            out[b.key] = _upsert(report, Bureau, "bureaus", {"key": b.key}, {
                "name_en": b.name_en, "name_zh": b.name_zh, "level": b.level,
                "parent": out.get(b.parent) if b.parent else None})
        pending = [b for b in pending if b.key not in out]
    return out


def _citation(report: LoadReport, url: str, reliability: str) -> Source:
    # A URL cited by several rows keeps the best grade any of them gives it.
    existing = Source.objects.filter(kind="citation", url=url).first()
    if existing is not None and existing.reliability <= reliability:
        return existing
    return _upsert(report, Source, "sources", {"kind": "citation", "url": url},
                   {"reliability": reliability, "title": url})


def _station(report: LoadReport, row: ReferenceStation, bureaus: dict[str, Bureau]) -> None:
    source = _citation(report, row.source_url, row.grade.reliability)
    value = {"country": row.country, "city": row.city.name if row.city else None,
             "region": row.region, "location": row.city_label,
             "bureau": row.bureau, "bureau_candidates": list(row.bureau_candidates),
             "bureau_label": row.bureau_label, "status": row.status,
             "front_type": row.front_type}
    claim = _upsert(report, Claim, "claims", {"key": f"ref:station:{row.key}"}, {
        "source": source, "kind": "station", "value": value, "machine_value": value,
        "status": "accepted", "credibility": row.grade.credibility,
        "extractor_version": REFERENCE_EXTRACTOR})
    reported = row.reported
    station = _upsert(report, Station, "stations", {"key": row.key}, {
        "country": row.country, "location_label": row.city_label,
        "city": row.city.name if row.city else "", "region": row.region or "",
        "geonameid": row.city.geonameid if row.city else None,
        "latitude": row.city.latitude if row.city else None,
        "longitude": row.city.longitude if row.city else None,
        "bureau": bureaus[row.bureau] if row.bureau else None,
        "bureau_label": row.bureau_label, "front_type": row.front_type,
        "front_detail": row.front_detail, "status": row.status,
        "reported_on": reported.start if reported else None,
        "reported_precision": reported.precision if reported else "",
        "uncertain": row.uncertain, "notes": row.notes, "published": True})
    if not station.claims.filter(pk=claim.pk).exists():
        station.claims.add(claim)


def _response(report: LoadReport, row: ReferenceResponse) -> None:
    source = _citation(report, row.source_url, row.grade.reliability)
    value = {"country": row.country, "action": row.action, "actor": row.actor,
             "date": row.date.text}
    claim = _upsert(report, Claim, "claims", {"key": f"ref:response:{row.key}"}, {
        "source": source, "kind": "response", "value": value, "machine_value": value,
        "status": "accepted", "credibility": row.grade.credibility,
        "extractor_version": REFERENCE_EXTRACTOR})
    response = _upsert(report, Response, "responses", {"key": row.key}, {
        "country": row.country, "actor": row.actor, "action": row.action,
        "date": row.date.start, "date_precision": row.date.precision,
        "date_text": row.date.text, "summary": row.summary})
    if not response.claims.filter(pk=claim.pk).exists():
        response.claims.add(claim)


def reference_load(*, data: ReferenceData) -> LoadReport:
    """Load parsed reference data in one transaction; loading twice changes nothing."""
    report = LoadReport()
    with transaction.atomic():
        bureaus = _bureaus(report)
        for row in data.stations:
            _station(report, row, bureaus)
        for resp in data.responses:
            _response(report, resp)
        if report.changed:
            audit_record(action="reference.load", detail={
                "created": report.created, "updated": report.updated})
    return report
