"""Caching of the atlas's heavier reads (map data, statistics, timeline) until the data
changes. The version is the audit chain's length (every review, load and ingest is audited)
with the stations' latest save (edits made in the admin), both read from indexes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import caches
from django.db.models import Max
from django.utils.translation import get_language

from stationwatch_web.audit.models import AuditEvent

from .models import Station

T = TypeVar("T")
TTL = 3600


def data_version() -> str:
    seq = AuditEvent.objects.aggregate(m=Max("seq"))["m"] or 0
    saved = Station.objects.aggregate(m=Max("updated_at"))["m"]
    return f"{seq}:{saved.isoformat() if saved else ''}"


def cached(name: str, params: dict[str, Any], compute: Callable[[], T]) -> T:
    # Per language: names and labels in the values are the active language's.
    key = hashlib.sha256(json.dumps([name, params, data_version(), get_language()], sort_keys=True,
                                    default=str).encode()).hexdigest()
    cache = caches["atlas"]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL)
    return value  # type: ignore[no-any-return]
