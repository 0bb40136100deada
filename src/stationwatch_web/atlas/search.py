"""Public search over what the atlas publishes: stations, bureaus, countries, responses and the
sources published records cite (their title, publisher and address; never stored text).

Records and query are folded alike (``search_key``: case, accents, width, traditional to
simplified script), so "PRATO", "prato" and "福州"/"福州市" match in any script, with no
minimum length. The published records are few (hundreds), so the folded index is built once
per data version (``cache.cached``) and scanned; stored documents are searched elsewhere
(``evidence.search``), behind sign-in.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext_noop

from stationwatch.pipeline.documents import query_key as search_key
from stationwatch_web.evidence.models import Claim

from . import pages, selectors
from .cache import cached
from .models import Bureau, Response

#: The facets of station results: (name, field of a station row, label).
#: The labels are English, translated where shown (``locales.vocab``).
FACETS = (("country", "country", gettext_noop("Country")),
          ("status", "status", gettext_noop("Status")),
          ("bureau", "bureau", gettext_noop("Bureau")),
          ("year", "year", gettext_noop("Year first reported")))
MAX_HITS = 100


def _index() -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """(folded text, record) of each published record, by kind."""
    stations = []
    for s in selectors.station_published_list():
        row = {**pages.station_row(s), "year": s.reported_on.year if s.reported_on else "",
               "bureau_name": s.bureau.name_en if s.bureau else ""}
        words = [s.key, s.city, s.location_label, s.region, s.country, row["country_name"],
                 s.bureau_label, s.front_detail, s.notes]
        if s.bureau:
            words += [s.bureau.key, s.bureau.name_en, s.bureau.name_zh]
        stations.append((search_key(" | ".join(w for w in words if w)), row))
    responses = [pages.response_row(r) for r in Response.objects.order_by("date", "key")]
    countries = {s["country"]: s["country_name"] for _k, s in stations}
    countries.update({r["country"]: selectors.country_name(r["country"]) for r in responses})
    cited = (Claim.objects.filter(status="accepted")
             .filter(stations__published=True) | Claim.objects.filter(
                 status="accepted", responses__isnull=False))
    sources = {pages.citation(c.source): pages.source_record(c.source)
               for c in cited.select_related("source").distinct()}
    return {
        "stations": stations,
        "bureaus": [(search_key(f"{b.key} | {b.name_en} | {b.name_zh}"),
                     {"key": b.key, "name_en": b.name_en, "name_zh": b.name_zh,
                      "level": b.get_level_display()}) for b in Bureau.objects.all()],
        "countries": [(search_key(f"{code} | {name}"), {"code": code, "name": name})
                      for code, name in sorted(countries.items(), key=lambda c: c[1])],
        "responses": [(search_key(" | ".join([r["actor"], r["summary"], r["action_label"],
                                               countries.get(r["country"], r["country"])])),
                       {**r, "country_name": countries.get(r["country"], r["country"])})
                      for r in responses],
        "sources": [(search_key(" | ".join([s["title"], s["publisher"], s["url"]])), s)
                    for _c, s in sorted(sources.items())],
    }


def atlas_search(query: str, chosen: dict[str, str]) -> dict[str, Any]:
    """The records matching ``query``; station hits narrowed by the ``chosen`` facet values,
    with each facet's values counted over the hits before narrowing by that facet."""
    key = search_key(query)
    if not key:
        return {"total": 0}
    index = cached("search-index", {}, _index)
    hits = {kind: [r for text, r in rows if key in text] for kind, rows in index.items()}
    stations = hits["stations"]
    facets = []
    for name, field, label in FACETS:
        others = [s for s in stations if all(str(s[f]) == chosen[n] for n, f, _l in FACETS
                                             if n != name and chosen.get(n))]
        counts = Counter(str(s[field]) for s in others if s[field] != "")
        kept = {"q": query, **{n: v for n, v in chosen.items() if v and n != name}}
        facets.append({"name": name, "label": label, "chosen": chosen.get(name, ""),
                       "clear": urlencode(kept),
                       "values": [{"value": v, "count": n, "href": urlencode({**kept, name: v}),
                                   "label": _facet_label(name, v, others)}
                                  for v, n in sorted(counts.items(),
                                                     key=lambda c: (-c[1], c[0]))]})
    hits["stations"] = [s for s in stations if all(str(s[f]) == chosen[n]
                                                   for n, f, _l in FACETS if chosen.get(n))]
    hits = {kind: rows[:MAX_HITS] for kind, rows in hits.items()}
    return {**hits, "facets": facets, "total": sum(len(v) for v in hits.values())}


#: Facets whose values are codes, and the suffix of the record field that displays them.
_LABELLED = dict.fromkeys(("country",), "name") | dict.fromkeys(("status",), "label")


def _facet_label(name: str, value: str, rows: list[dict[str, Any]]) -> str:
    if name not in _LABELLED:
        return value
    field = f"{name}_{_LABELLED[name]}"  # the record's display field for a facet's value
    return next((str(r[field]) for r in rows if str(r[name]) == value), value)
