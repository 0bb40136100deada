"""Reads for the review queue: candidate claims grouped by the station they propose, and the
evidence of one claim highlighted in its source's text."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT

from stationwatch import model
from stationwatch_web.atlas.models import Station
from stationwatch_web.atlas.selectors import country_name
from stationwatch_web.audit.models import AuditEvent
from stationwatch_web.evidence.models import Claim

CONTEXT = 400  # characters of source text shown around the evidence


def queue_claims(*, kind: str = "", rereview: bool = False) -> QuerySet[Claim]:
    qs = Claim.objects.filter(needs_review=True) if rereview else \
        Claim.objects.filter(status="candidate")
    return qs.filter(kind=kind) if kind else qs


def queue_groups(*, kind: str = "", rereview: bool = False, limit: int = 200
                 ) -> list[dict[str, Any]]:
    """Groups of claims to review, largest first: station claims by (country, city, bureau),
    response claims by (country, action), bureau claims by name."""
    qs = queue_claims(kind=kind, rereview=rereview)
    rows = (qs.values("kind", country=KT("value__country"), city=KT("value__city"),
                      bureau=KT("value__bureau"), action=KT("value__action"),
                      name=KT("value__name"))
            .annotate(n=Count("id"), sources=Count("source", distinct=True))
            .order_by("-n", "kind", "country", "city")[:limit])
    out = []
    for r in rows:
        # SQLite hands a JSON null back as the text 'null' through KT.
        r = {k: (None if v == "null" else v) for k, v in r.items()}
        out.append({**r, "country_name": country_name(r["country"]) if r["country"] else "",
                    "label": _label(r)})
    return out


def _label(r: dict[str, Any]) -> str:
    if r["kind"] == "station":
        where = r["city"] or "(country only)"
        return f"{where}, {r['country']} · {r['bureau'] or 'bureau unknown'}"
    if r["kind"] == "response":
        return f"{r['country']} · {model.ACTIONS.label(r['action'])}"
    return str(r["name"] or r["kind"])


def claim_subject(claim: Claim) -> str:
    """What a claim is about, in words: its place, bureau or response (the title a reviewer
    checks the evidence against)."""
    v = claim.value if isinstance(claim.value, dict) else {}
    code = str(v.get("country") or "")
    country = country_name(code) if code else ""
    if claim.kind == "station":
        place = v.get("city") or v.get("region") or "place not given"
        return f"{place}, {country or 'country not given'}"
    if claim.kind == "response":
        return " · ".join(str(x) for x in (country, v.get("action"), v.get("date")) if x)
    return str(v.get("name") or v.get("bureau") or claim.get_kind_display())


def claim_decisions(claim: Claim) -> list[AuditEvent]:
    """Who proposed, edited, accepted or rejected the claim, and when, oldest first (from
    the audit log, whose entries are never changed)."""
    return list(AuditEvent.objects.filter(
        object_type=Claim._meta.label_lower, object_id=str(claim.pk),
        action__startswith="claim.").order_by("seq"))


def value_rows(value: Any) -> list[tuple[str, Any]]:
    """A claim value as (field, value) rows, for the proposed and the machine's value alike."""
    return list(value.items()) if isinstance(value, dict) else []


def group_claims(*, kind: str, country: str = "", city: str = "", bureau: str = "",
                 action: str = "", name: str = "", rereview: bool = False) -> QuerySet[Claim]:
    """The claims of one queue group (empty strings match missing values)."""
    qs = queue_claims(kind=kind, rereview=rereview).select_related("source")
    for key, val in (("country", country), ("city", city), ("bureau", bureau),
                     ("action", action), ("name", name)):
        lookup = f"value__{key}"
        qs = qs.filter(**{lookup: val}) if val else qs.filter(
            Q(**{f"{lookup}__isnull": True}) | Q(**{lookup: None}))
    return qs.order_by("id")


def highlighted(text: str, spans: list[dict[str, Any]], *, context: int | None = CONTEXT
                ) -> list[tuple[str, bool]]:
    """The text (or a window around the spans) as (piece, is_evidence) pairs for <mark>."""
    good = sorted((int(s["start"]), int(s["end"])) for s in spans
                  if 0 <= int(s["start"]) < int(s["end"]) <= len(text))
    if not good:
        return [(text[:context * 2] if context else text, False)]
    lo = max(0, good[0][0] - context) if context else 0
    hi = min(len(text), good[-1][1] + context) if context else len(text)
    out: list[tuple[str, bool]] = [("…", False)] if lo > 0 else []
    at = lo
    for start, end in good:
        start = max(start, at)
        if start > at:
            out.append((text[at:start], False))
        if end > start:
            out.append((text[start:end], True))
        at = max(at, end)
    out.append((text[at:hi], False))
    if hi < len(text):
        out.append(("…", False))
    return out


def station_choices(claim: Claim) -> QuerySet[Station]:
    """Existing stations a station claim could be attached to: same country."""
    country = str(claim.value.get("country") or "").upper()
    return Station.objects.filter(country=country).select_related("bureau").order_by("city")


def next_claim(claim: Claim) -> Claim | None:
    """The next claim to review after this one: same group first, then the queue."""
    v = claim.value
    same = group_claims(kind=claim.kind, country=v.get("country") or "", city=v.get("city") or "",
                        bureau=v.get("bureau") or "", action=v.get("action") or "",
                        name=v.get("name") or "").exclude(pk=claim.pk).first()
    return same or queue_claims().exclude(pk=claim.pk).order_by("id").first()
