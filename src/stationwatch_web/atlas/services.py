"""Writes to the atlas: loading the bundled reference data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils.text import slugify

from stationwatch import corroboration, lifecycle, model, vocab
from stationwatch.errors import GazetteerError, StationwatchError
from stationwatch.places import gazetteer
from stationwatch.places.reference import (
    ReferenceData,
    ReferenceResponse,
    ReferenceStation,
    response_links,
    station_lifecycles,
)
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.audit.services import audit_record
from stationwatch_web.db import statistics
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


#: Station fields a station claim's value describes.
CLAIM_FIELDS = ("country", "city", "region", "location_label", "bureau", "bureau_label",
                "status", "front_type", "geonameid", "latitude", "longitude")


def _jsonable(value: Any) -> Any:
    """A field's value as ``reference_values`` keeps it (dates as ISO text, bureaus by key)."""
    if isinstance(value, Bureau):
        return value.key
    if isinstance(value, date):
        return value.isoformat()
    return value


def _reviewed(claim: Claim) -> bool:
    """An analyst has looked at (accepted, edited or rejected) this reference claim."""
    return claim.reviewer_id is not None or claim.status != "accepted" or \
        claim.value != claim.machine_value


def _record(report: LoadReport, model: type[models.Model], kind: str, key: str,
            values: dict[str, Any], protect: frozenset[str] = frozenset(),
            ) -> tuple[Any, dict[str, tuple[Any, Any]]]:
    """Create or update a station/response from the reference data, leaving alone every
    field an analyst changed since the reference data set it, and the ``protect``ed ones (a
    reviewed claim stands behind them). (record, {field: (kept, new)}) for the fields kept."""
    obj = model.objects.filter(key=key).first()
    wanted = {k: _jsonable(v) for k, v in values.items()}
    if obj is None:
        obj = model.objects.create(key=key, reference_values=wanted, **values)
        report.count(kind, created=True, updated=False)
        return obj, {}
    last, changed, kept = obj.reference_values or {}, [], {}
    for name, value in values.items():
        current = _jsonable(getattr(obj, name))
        if current == wanted[name]:
            continue
        untouched = last[name] == current if name in last else current in (None, "")
        if untouched and name not in protect:
            setattr(obj, name, value)
            changed.append(name)
        else:
            kept[name] = (current, wanted[name])
    if changed or last != wanted:
        obj.reference_values = wanted
        obj.save(update_fields=[*changed, "reference_values"])
        report.count(kind, created=False, updated=True)
    return obj, kept


def _claim(report: LoadReport, key: str, kind: str, source: Source, value: dict[str, Any],
           credibility: int) -> tuple[Claim, bool]:
    """The reference claim, created or brought up to date unless an analyst reviewed it.
    (claim, True when a reviewed claim disagrees with this edition)."""
    claim = Claim.objects.filter(key=key).first()
    if claim is not None and _reviewed(claim):
        return claim, value not in (claim.value, claim.machine_value)
    return _upsert(report, Claim, "claims", {"key": key}, {
        "source": source, "kind": kind, "value": value, "machine_value": value,
        "status": "accepted", "credibility": credibility,
        "extractor_version": REFERENCE_EXTRACTOR}), False


def _disagreement(report: LoadReport, record: Any, kind: str, version: str, source: Source,
                  value: dict[str, Any], credibility: int, claim: Claim, claim_differs: bool,
                  kept: dict[str, tuple[Any, Any]]) -> None:
    """Where this edition disagrees with what an analyst reviewed or edited, a candidate claim
    with the edition's value goes to the review queue (once per edition); nothing is replaced."""
    if not (claim_differs or kept):
        return
    why = [f"{name}: kept {old!r}, this edition says {new!r}" for name, (old, new) in
           sorted(kept.items())]
    if claim_differs:
        why.insert(0, f"reviewed claim {claim.pk} says {claim.value!r}")
    key = f"{claim.key}@{version}"
    if Claim.objects.filter(key=key).exists():  # raised once; its review is the analyst's
        return
    candidate = _upsert(report, Claim, "disagreements", {"key": key}, {
        "source": source, "kind": kind, "value": value, "machine_value": value,
        "status": "candidate", "credibility": credibility,
        "extractor_version": REFERENCE_EXTRACTOR,
        "review_note": (f"Reference data {version} disagrees with the reviewed record: "
                        + "; ".join(why))[:2000]})
    record.claims.add(candidate)


def _station(report: LoadReport, row: ReferenceStation, bureaus: dict[str, Bureau],
             version: str, life: tuple[str, dict[str, date]]) -> None:
    source = _citation(report, row.source_url, row.grade.reliability)
    value = {"country": row.country, "city": row.city.name if row.city else None,
             "region": row.region, "location": row.city_label,
             "bureau": row.bureau, "bureau_candidates": list(row.bureau_candidates),
             "bureau_label": row.bureau_label, "status": row.status,
             "front_type": row.front_type}
    claim, differs = _claim(report, f"ref:station:{row.key}", "station", source, value,
                            row.grade.credibility)
    reported = row.reported
    # A reviewed claim that disagrees keeps the station fields it describes as reviewed.
    protect = frozenset(CLAIM_FIELDS) if differs else frozenset()
    station, kept = _record(report, Station, "stations", row.key, protect=protect, values={
        "country": row.country, "location_label": row.city_label,
        "city": row.city.name if row.city else "", "region": row.region or "",
        "geonameid": row.city.geonameid if row.city else None,
        "latitude": row.city.latitude if row.city else None,
        "longitude": row.city.longitude if row.city else None,
        "bureau": bureaus[row.bureau] if row.bureau else None,
        "bureau_label": row.bureau_label, "front_type": row.front_type,
        "front_detail": row.front_detail, "status": life[0],
        **{lifecycle.STATUS_DATE[s]: life[1].get(s) for s in lifecycle.ACTION_STATUS.values()},
        "reported_on": reported.start if reported else None,
        "reported_precision": reported.precision if reported else "",
        "uncertain": row.uncertain, "notes": row.notes, "published": True})
    if not station.claims.filter(pk=claim.pk).exists() and claim.status == "accepted":
        station.claims.add(claim)
    _disagreement(report, station, "station", version, source, value, row.grade.credibility,
                  claim, differs, kept)


def _response(report: LoadReport, row: ReferenceResponse, version: str,
              link: tuple[list[str], str]) -> None:
    source = _citation(report, row.source_url, row.grade.reliability)
    value = {"country": row.country, "action": row.action, "actor": row.actor,
             "date": row.date.text}
    claim, differs = _claim(report, f"ref:response:{row.key}", "response", source, value,
                            row.grade.credibility)
    response, kept = _record(report, Response, "responses", row.key, protect=frozenset(
        ("country", "actor", "action", "date", "date_precision", "date_text")
        if differs else ()), values={
        "country": row.country, "actor": row.actor, "action": row.action,
        "date": row.date.start, "date_precision": row.date.precision,
        "date_text": row.date.text, "summary": row.summary})
    if not response.claims.filter(pk=claim.pk).exists() and claim.status == "accepted":
        response.claims.add(claim)
    if response.scope != "reviewer":  # a reviewer's link stands
        keys, scope = link
        if set(response.stations.values_list("key", flat=True)) != set(keys) or \
                response.scope != scope:
            response.stations.set(Station.objects.filter(key__in=keys))
            Response.objects.filter(pk=response.pk).update(scope=scope)
            report.count("response links", created=False, updated=True)
    _disagreement(report, response, "response", version, source, value, row.grade.credibility,
                  claim, differs, kept)


def _rename(report: LoadReport, renamed: dict[str, dict[str, str]]) -> None:
    """Carry records (and their claims, reviews and edits) over to the keys an edition gave
    them, so a renamed row updates its record instead of adding a second one."""
    for kind, records in (("station", Station), ("response", Response)):
        for old, new in renamed.get(kind, {}).items():
            if records.objects.filter(key=old).exists() and \
                    not records.objects.filter(key=new).exists():
                records.objects.filter(key=old).update(key=new)
                Claim.objects.filter(key=f"ref:{kind}:{old}").update(key=f"ref:{kind}:{new}")
                report.count(f"renamed {kind}s", created=False, updated=True)


def loaded_version() -> str | None:
    """The reference edition this database last loaded: None if it never loaded one, "" for
    loads from before editions were recorded."""
    event = AuditEvent.objects.filter(action="reference.load").order_by("-seq").first()
    return None if event is None else str(event.detail.get("version", ""))


def reference_load(*, data: ReferenceData) -> LoadReport:
    """Load parsed reference data in one transaction; loading twice changes nothing.

    On a database that holds an earlier edition, records move to this one field by field,
    except what analysts reviewed or edited: there the edition's value becomes a candidate
    claim in the review queue."""
    report = LoadReport()
    with transaction.atomic():
        _rename(report, data.renamed)
        bureaus = _bureaus(report)
        lives = station_lifecycles(data)
        for row in data.stations:
            _station(report, row, bureaus, data.version, lives[row.key])
        links = response_links(data)
        for resp in data.responses:
            _response(report, resp, data.version, links[resp.key])
        for station in Station.objects.filter(key__in=[r.key for r in data.stations]):
            station_confidence_update(station)  # derived; a second load finds it unchanged
        if report.changed or (data.version and loaded_version() != data.version):
            audit_record(action="reference.load", detail={
                "version": data.version, "created": report.created,
                "updated": report.updated})
    if report.changed:
        statistics.refresh()  # a bulk write: the planner sees the loaded tables' shape
    return report


# --- stations built from reviewed evidence ------------------------------------------------

def _story(source: Source) -> str:
    if source.kind == "citation":
        return f"url:{source.url}"
    return f"group:{source.story_group or source.pk}"


def station_confidence_update(station: Station) -> bool:
    """Recompute a station's corroboration from its accepted claims; True when it changed."""
    claims = station.claims.filter(status="accepted").select_related("source")
    level, n = corroboration.corroboration(
        corroboration.Evidence(story=_story(c.source), reliability=c.source.reliability,
                               credibility=c.credibility) for c in claims)
    try:
        continent = gazetteer.country(station.country).continent
    except GazetteerError:
        continent = ""
    changed = [f for f, v in (("confidence", level), ("independent_sources", n),
                              ("continent", continent)) if getattr(station, f) != v]
    for f, v in (("confidence", level), ("independent_sources", n), ("continent", continent)):
        setattr(station, f, v)
    if changed:
        station.save(update_fields=changed)
    return bool(changed)


def station_for_value(value: dict[str, Any]) -> tuple[Station, bool]:
    """The station a reviewed station claim describes: the one with the same country, city and
    bureau, else a new one placed with the gazetteer. (station, created)."""
    country = str(value.get("country") or "").upper()
    gazetteer.country(country)  # GazetteerError for an unknown code
    city_name = str(value.get("city") or "")
    bureau_key = str(value.get("bureau") or "")
    bureau = None
    if bureau_key:
        bureau = Bureau.objects.filter(key=bureau_key).first() or \
            _bureaus(LoadReport()).get(bureau_key)  # the vocabulary's bureaus, added if new
        if bureau is None:
            raise GazetteerError(f"unknown bureau {bureau_key!r}")
    city = gazetteer.find_city(country, city_name) if city_name else None
    label = city.name if city else city_name
    existing = Station.objects.filter(country=country, city=label, bureau=bureau).first()
    if existing is None and bureau is None and label:
        # A report naming no bureau supports the one station known in that city, if only one.
        same_city = list(Station.objects.filter(country=country, city=label)[:2])
        existing = same_city[0] if len(same_city) == 1 else None
    if existing is not None:
        return existing, False
    base = slugify(f"{country}-{label or 'country'}-{bureau_key or 'bureau-unknown'}")[:100]
    key, n = base, 1
    while Station.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    station = Station.objects.create(
        key=key, country=country, city=label, location_label=city_name, bureau=bureau,
        bureau_label=bureau_key, geonameid=city.geonameid if city else None,
        latitude=city.latitude if city else None, longitude=city.longitude if city else None,
        status="reported", published=False)  # an editor publishes it (`station_change`)
    return station, True


def station_place(station: Station) -> lifecycle.Place:
    """What identifies a station in text (see ``lifecycle.concerned``)."""
    general = tuple(n for n in (station.city, station.region,
                                re.split(r"[(,]", station.location_label, maxsplit=1)[0].strip())
                    if n)
    return lifecycle.Place(station.key, station.country, tuple(sorted(
        {*general, *lifecycle.place_names(station.city, station.region,
                                          station.location_label)})),
        general=general, reported=station.reported_on)


def response_stations(claim: Claim, when: date | None = None) -> tuple[list[Station], str]:
    """The stations a response claim's evidence concerns, and how they were chosen (the
    review form's proposal; see ``lifecycle.concerned``)."""
    country = str(claim.value.get("country") or "").upper()
    text = " ".join(str(e.get("quote", "")) for e in claim.evidence or ()) or \
        str(claim.value.get("summary") or "")
    candidates = {s.key: s for s in Station.objects.filter(country=country)}
    keys, how = lifecycle.concerned(text, country, [station_place(s) for s in
                                                    candidates.values()], when)
    return [candidates[k] for k in keys], how


def station_lifecycle_move(station: Station, action: str, when: date) -> bool:
    """Move a station along its lifecycle for an action taken ``when`` (never back; the
    first date of each status kept). True when it changed."""
    status = lifecycle.ACTION_STATUS.get(action)
    if status is None:
        return False
    changed = []
    if lifecycle.later(status, station.status) != station.status:
        station.status = status
        changed.append("status")
    field = lifecycle.STATUS_DATE[status]
    if getattr(station, field) is None or getattr(station, field) > when:
        setattr(station, field, when)
        changed.append(field)
    if changed:
        station.save(update_fields=changed)
    return bool(changed)


def response_from_claim(claim: Claim, when: date,
                        stations: list[Station] | None = None) -> Response:
    """A Response for an accepted response claim. It concerns ``stations`` (the reviewer's
    choice) or, when not given, those its evidence names (``response_stations``); only those
    move along their lifecycle, never back, with the action's date."""
    value = claim.value
    found = model.ACTIONS.resolve(value.get("action", ""))  # the extractor's names too
    if found is None:
        raise ValueError(f"unknown response action {value.get('action')!r}")
    action = found.key
    country = str(value.get("country") or "").upper()
    quote = claim.evidence[0]["quote"] if claim.evidence else ""
    if stations is None:
        stations, scope = response_stations(claim, when)
    else:
        scope = "reviewer"
    if any(s.country != country for s in stations):
        raise ValueError(f"a response about {country} concerns only stations in {country}")
    # A claim already recorded as a response (the reference data's) keeps its record.
    response = claim.responses.first() or Response.objects.get_or_create(
        key=slugify(f"claim-{claim.pk}-{country}-{action}")[:160],
        defaults={"country": country, "actor": str(value.get("actor") or "")[:300],
                  "action": action, "date": when, "date_precision": "day",
                  "date_text": when.isoformat(), "summary": quote[:2000]})[0]
    response.claims.add(claim)
    response.stations.set(stations)
    if response.scope != scope:
        response.scope = scope
        response.save(update_fields=["scope"])
    for station in stations:
        station_lifecycle_move(station, action, response.date)
    return response


def station_timeline(station: Station) -> list[dict[str, Any]]:
    """The lifecycle stages a station has reached, with their dates, in order."""
    reached = model.STATUSES.index(station.status)
    return [{"status": s.key, "label": s.label, "date": getattr(station, s.date_field),
             "reached": i <= reached} for i, s in enumerate(model.STATUSES)]


class StationChangeError(StationwatchError):
    """A station change that is not allowed (the message says why); nothing was saved."""


#: Filled in by the app itself, never typed: shown read-only, left out of the audit diff.
_COMPUTED = {"id", "claims", "confidence", "independent_sources", "continent", "created_at",
             "updated_at"}


def _station_fields(station: Station) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in station._meta.concrete_fields:
        if f.name in _COMPUTED:
            continue
        value = getattr(station, f.attname)
        out[f.name] = value if value is None or isinstance(value, (str, int, float, bool)) \
            else str(value)
    return out


def station_change_refusal(*, station: Station, user: Any, old: Station | None = None) -> str:
    """Why ``user`` may not save ``station`` as it now is, or "" (forms ask before saving)."""
    if old is None and station.pk is not None:
        old = Station.objects.filter(pk=station.pk).first()
    if not user.has_perm("atlas.change_station") or (
            old is None and not user.has_perm("atlas.add_station")):
        return "only an editor creates, changes or publishes stations"
    publishing = station.published and not (old is not None and old.published)
    if publishing and (old is None or not old.claims.filter(status="accepted").exists()):
        return ("a station is published only when an accepted claim supports it: review its "
                "claims first, then publish it")
    return ""


def station_save(*, station: Station, user: Any) -> Station:
    """Create or change a station as an editor (the admin's path): who and what changed go to
    the audit log, and a station is published only by an editor and only on an accepted
    claim."""
    with transaction.atomic():
        old = Station.objects.select_for_update().filter(pk=station.pk).first() \
            if station.pk is not None else None
        refusal = station_change_refusal(station=station, user=user, old=old)
        if refusal:
            raise StationChangeError(refusal)
        before = _station_fields(old) if old is not None else {}
        station.save()
        after = _station_fields(station)
        changed = sorted(k for k in after if before.get(k) != after[k])
        if old is None:
            action = "station.create"
        elif "published" in changed:
            action = "station.publish" if station.published else "station.unpublish"
        else:
            action = "station.change"
        if changed or old is None:
            audit_record(actor=user, action=action, obj=station, detail={
                "before": {k: before.get(k) for k in changed},
                "after": {k: after[k] for k in changed}})
    return station
