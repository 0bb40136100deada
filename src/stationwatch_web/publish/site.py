"""The static atlas: every page rendered to a file, linked by relative paths, data as scripts.

It opens from ``file://`` (where browsers refuse ``fetch``), so the map and timeline data are
scripts that set a global, and every link names its ``.html`` file. Pages carry a CSP that
allows nothing from any other origin.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from stationwatch.export import release
from stationwatch_web.atlas import pages as atlas_pages
from stationwatch_web.atlas import selectors
from stationwatch_web.atlas.pages import statistics_page
from stationwatch_web.atlas.selectors import StationFilters
from stationwatch_web.links import ReleaseUrls

from .snapshot import Snapshot

STATIC = Path(__file__).resolve().parent.parent / "static"
#: Files of the web app's static folder the site uses, copied byte for byte.
ASSETS = ["atlas/site.css", "atlas/map.js", "atlas/timeline.js", "vendor/leaflet",
          "vendor/leaflet.markercluster", "vendor/topojson-client", "vendor/chart.js",
          "vendor/world-atlas/LICENSE"]
SHAPES = "vendor/world-atlas/countries-110m.json"


def _script(name: str, value: Any) -> bytes:
    body = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # "</" cannot end a script element early, and U+2028/9 are line ends in old engines.
    body = body.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name} = {body};\n".encode()


def _assets() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for name in ASSETS:
        path = STATIC / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            out[f"static/{f.relative_to(STATIC).as_posix()}"] = f.read_bytes()
    shapes = json.loads((STATIC / SHAPES).read_bytes())
    out["static/" + SHAPES.replace(".json", ".js")] = _script("STATIONWATCH_SHAPES", shapes)
    return out


def pages(snap: Snapshot, info: dict[str, Any], history: list[dict[str, Any]],
          data_files: list[dict[str, Any]], languages: Sequence[str] = ("en",)
          ) -> dict[str, bytes]:
    """Every file of the site except the data release itself, by relative path: the live
    atlas's templates, rendered with links between the release's files. English pages are at
    the root (the data's language); each other of ``languages`` has a folder of the same pages
    in it, with the switch between them."""
    out = _assets()
    out["data/timeline-data.js"] = _script("STATIONWATCH_TIMELINE", snap.timeline)
    built = [settings.LANGUAGE_CODE, *(lang for lang in languages
                                        if lang != settings.LANGUAGE_CODE)]
    for lang in built:
        folder = "" if lang == settings.LANGUAGE_CODE else lang
        with translation.override(lang):
            view = snap if not folder else _in_language(snap)
            out.update(_language_pages(view, info, history, data_files, folder, built))
    return out


def _in_language(snap: Snapshot) -> Snapshot:
    """The snapshot's names in the active language (CLDR's country and continent names, the
    map's labels); the records themselves, and the data files, are the same."""
    stations = [{**s, "country_name": selectors.country_name(s["country"])}
                for s in snap.stations]
    stats = {**snap.statistics, "continents": [
        {**c, "name": selectors.continent_name(c["code"])} for c in snap.statistics["continents"]]}
    return replace(snap, stations=stations,
                   countries=atlas_pages.country_pages(stations, snap.responses),
                   statistics=stats, map_data=selectors.map_data(urls=ReleaseUrls()),
                   filter_options=selectors.filter_options())


def _language_pages(snap: Snapshot, info: dict[str, Any], history: list[dict[str, Any]],
                    data_files: list[dict[str, Any]], folder: str, built: list[str]
                    ) -> dict[str, bytes]:
    out = {f"{folder}/data/map-data.js" if folder else "data/map-data.js":
           _script("STATIONWATCH_MAP_DATA", snap.map_data)}
    stats = snap.statistics
    at = ReleaseUrls()

    def render(path: str, template: str, **context: Any) -> None:
        out[f"{folder}/{path}" if folder else path] = render_to_string(template, {
            "urls": ReleaseUrls.for_page(path, folder), "release": info, "languages": built,
            **context}).encode()

    # The map's filters work in the browser over the map data (kept in the address's #hash).
    render(at.home(), "atlas/home.html", summary=stats["summary"], stations=snap.stations,
           filters=StationFilters(), options=snap.filter_options)
    render(at.station_list(), "atlas/station_list.html", stations=snap.stations,
           counted=snap.counts["countries"])
    render(at.country_list(), "atlas/country_list.html", countries=snap.countries,
           counted=snap.counts["countries"])
    render(at.bureau_list(), "atlas/bureau_list.html", bureaus=snap.bureaus)
    for s in snap.stations:
        render(at.station(s["key"]), "atlas/station_detail.html", s=s)
    for c in snap.countries:
        render(at.country(c["code"]), "atlas/country_detail.html", c=c)
    for b in snap.bureaus:
        render(at.bureau(b["key"]), "atlas/bureau_detail.html", b=b)
    render(at.statistics(), "atlas/statistics.html",
           **statistics_page(stats, snap.timeline))
    render(at.sources(), "publish/sources.html", sources=snap.sources)
    render(at.changelog(), "publish/changelog.html", history=history)
    render(at.data(), "publish/data.html", files=data_files)
    return out


def changelog(releases: list[tuple[str, str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """(version, date, stations) of each release, oldest first -> entries, newest first."""
    entries = []
    previous: tuple[str, list[dict[str, Any]]] | None = None
    for version, date, stations in releases:
        diff = release.diff_stations(previous[1] if previous else [], stations)

        def row(s: dict[str, Any]) -> dict[str, Any]:
            return {"key": s["key"], "label": release.label(s)}

        entries.append({
            "version": version, "date": date, "previous": previous[0] if previous else "",
            "added": [row(s) for s in diff.added],
            "changed": [{**row(s), "changes": changes} for s, changes in diff.changed],
            "retracted": [row(s) for s in diff.retracted]})
        previous = (version, stations)
    return entries[::-1]
