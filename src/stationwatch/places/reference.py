"""The bundled reference data: publicly reported stations and government responses.

Rows are parsed and validated here, without Django; the web app only writes them. Any bad
row raises ``DataError`` naming the file, the line and the field, before anything is stored.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from .. import lifecycle, model, vocab
from ..dates import PartialDate, parse_partial_date
from ..errors import DataError, GazetteerError
from ..text import fold
from . import gazetteer

STATION_FIELDS = ("host_country_iso2", "host_country", "city", "operating_bureau",
                  "first_reported_by", "reported_date", "front_type_if_reported", "status",
                  "source_url", "notes")
#: The bundled files' edition (their README's change log); a database records the edition it
#: last loaded, so starting the app on an older one upgrades it.
BUNDLED_VERSION = "2026-11"
RESPONSE_FIELDS = ("host_country_iso2", "date", "actor", "action", "summary", "source_url")

#: How the reference files word a site whose city no source gives (README, "Country-level
#: rows"): such a row is a country-level station, neither city nor region.
COUNTRY_LEVEL = ("unknown", "location not given", "location not identified", "no fixed site")

# Ordered: the first keyword found decides ("office of a trade association" is an association).
_FRONT_KEYWORDS = (
    ("restaurant", "restaurant"),
    ("store", "shop"), ("shop", "shop"), ("storefront", "shop"),
    ("association", "association"), ("clubhouse", "association"), ("chamber", "association"),
    ("community organisation", "association"), ("cultural", "association"),
    ("office", "office"), ("agency", "office"),
)


@dataclass(frozen=True)
class Grade:
    """Admiralty grading: source reliability A–F and information credibility 1–6."""

    reliability: str
    credibility: int


@dataclass(frozen=True)
class ReferenceStation:
    line: int
    key: str
    country: str
    city_label: str
    city: gazetteer.City | None
    region: str | None
    bureau_label: str
    bureau: str | None
    bureau_candidates: tuple[str, ...]
    first_reported_by: str
    reported: PartialDate | None
    front_type: str
    front_detail: str
    status: str
    source_url: str
    notes: str
    grade: Grade

    @property
    def uncertain(self) -> bool:
        return self.notes.startswith("UNCERTAIN")


@dataclass(frozen=True)
class ReferenceResponse:
    line: int
    key: str
    country: str
    date: PartialDate
    actor: str
    action: str
    summary: str
    source_url: str
    grade: Grade


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def grade_from_notes(notes: str) -> Grade:
    """Weak single sources get low grades; rows re-checked against a second reading get high."""
    if notes.startswith("UNCERTAIN"):
        return Grade("D", 4)
    if notes.startswith(("Re-checked", "Corrected")):
        return Grade("B", 2)
    return Grade("C", 3)


def front_type(detail: str) -> str:
    text = detail.lower()
    for keyword, kind in _FRONT_KEYWORDS:
        if re.search(rf"\b{keyword}\b", text):
            return kind
    return "unknown"


def _bureau_keys(label: str) -> list[str]:
    """Bureaus named in a label such as 'Fuzhou PSB and Lishui/Qingtian PSB (per ...)'."""
    head = fold(label.split("(", 1)[0])
    found = []
    for key, bureau in vocab.bureaus().items():
        names = {fold(key), *(fold(a) for a in bureau.aliases
                              if a.isascii() and not a.endswith("*"))}
        if any(re.search(rf"\b{re.escape(n)}\b", head) for n in names):
            found.append(key)
    # 'Qingtian / Lishui': Qingtian lies within Lishui; keep the most specific bureau.
    return [k for k in found if not any(k in vocab.bureau_ancestors(o) for o in found)]


def _rows(text: str, path: str, expected: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = tuple(reader.fieldnames or ())
    missing = [f for f in expected if f not in header]
    if missing:
        raise DataError(f"missing columns {missing}", path=path, line=1)
    for row in reader:
        if None in row:  # more cells than columns
            raise DataError("too many cells", path=path, line=reader.line_num)
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def _country(row: dict[str, str], path: str, line: int) -> str:
    code = row["host_country_iso2"]
    if not code:
        raise DataError("missing value", path=path, line=line, field="host_country_iso2")
    try:
        return gazetteer.country(code).code
    except GazetteerError as exc:
        raise DataError(str(exc), path=path, line=line, field="host_country_iso2") from None


def _url(row: dict[str, str], path: str, line: int) -> str:
    url = row["source_url"]
    if not vocab.is_http_url(url):
        raise DataError(f"not an http(s) URL: {url!r}", path=path, line=line,
                        field="source_url")
    return url


def _place_base(label: str) -> str:
    """The place a label starts with: 'Markham, Ontario (site 1 of 2)' -> 'Markham'."""
    base = re.split(r"[(,]", label, maxsplit=1)[0].strip()
    return re.sub(r"\s+area$", "", base, flags=re.I)


def _place(country: str, label: str, path: str,
           line: int) -> tuple[gazetteer.City | None, str | None]:
    """City or region from labels like 'London (Croydon)', 'Markham, Ontario (2 sites)'."""
    if not label:
        raise DataError("missing city", path=path, line=line, field="city")
    base = _place_base(label)
    if fold(base).startswith(COUNTRY_LEVEL):
        return None, None
    city = gazetteer.find_city(country, base)
    if city is not None:
        return city, None
    region = gazetteer.find_region(country, base)
    if region is not None:
        return None, region.name
    raise DataError(f"{base!r} is neither a city nor a region of {country} in the gazetteer",
                    path=path, line=line, field="city")


def parse_stations(text: str, path: str = "reported_stations.csv") -> list[ReferenceStation]:
    out: list[ReferenceStation] = []
    keys: set[str] = set()
    for line, row in _rows(text, path, STATION_FIELDS):
        country = _country(row, path, line)
        city, region = _place(country, row["city"], path, line)
        status = model.STATUSES.resolve(row["status"].lower())  # 'Charges' is 'charged'
        if status is None:
            raise DataError(f"unknown status {row['status']!r}", path=path, line=line,
                            field="status")
        bureau_label = row["operating_bureau"]
        found = [] if fold(bureau_label).startswith("unknown") else _bureau_keys(bureau_label)
        if bureau_label and not fold(bureau_label).startswith("unknown") and not found:
            raise DataError(f"no known bureau in {bureau_label!r}", path=path, line=line,
                            field="operating_bureau")
        try:
            reported = parse_partial_date(row["reported_date"]) if row["reported_date"] else None
        except ValueError as exc:
            raise DataError(str(exc), path=path, line=line, field="reported_date") from None
        key = f"{country.lower()}-{slug(row['city'])}"
        if key in keys:
            raise DataError(f"duplicate station {key!r}", path=path, line=line, field="city")
        keys.add(key)
        out.append(ReferenceStation(
            line=line, key=key, country=country, city_label=row["city"], city=city,
            region=region, bureau_label=bureau_label,
            bureau=found[0] if len(found) == 1 else None, bureau_candidates=tuple(found),
            first_reported_by=row["first_reported_by"], reported=reported,
            front_type=front_type(row["front_type_if_reported"]),
            front_detail=row["front_type_if_reported"], status=status.key,
            source_url=_url(row, path, line), notes=row["notes"],
            grade=grade_from_notes(row["notes"])))
    return out


def parse_responses(text: str,
                    path: str = "government_responses.csv") -> list[ReferenceResponse]:
    out: list[ReferenceResponse] = []
    seen: dict[str, int] = {}
    for line, row in _rows(text, path, RESPONSE_FIELDS):
        country = _country(row, path, line)
        try:
            date = parse_partial_date(row["date"])
        except ValueError as exc:
            raise DataError(str(exc), path=path, line=line, field="date") from None
        found = model.ACTIONS.resolve(row["action"])
        if found is None:
            raise DataError(f"unknown action {row['action']!r}; one of {model.ACTIONS.keys()}",
                            path=path, line=line, field="action")
        action = found.key
        for name in ("actor", "summary"):
            if not row[name]:
                raise DataError("missing value", path=path, line=line, field=name)
        base = f"{country.lower()}-{date.start.isoformat()}-{action}-{slug(row['actor'])[:40]}"
        seen[base] = seen.get(base, 0) + 1
        key = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(ReferenceResponse(
            line=line, key=key, country=country, date=date, actor=row["actor"], action=action,
            summary=row["summary"], source_url=_url(row, path, line),
            grade=Grade("B", 2) if "UNCERTAIN" not in row["summary"] else Grade("D", 4)))
    return out


@dataclass(frozen=True)
class ReferenceData:
    stations: list[ReferenceStation]
    responses: list[ReferenceResponse]
    #: The edition: ``BUNDLED_VERSION``, or a digest of the given files' text.
    version: str = ""
    #: {"station"|"response": {old key: new key}} for rows an edition renamed.
    renamed: dict[str, dict[str, str]] = field(default_factory=dict)


def _read(path: Path | None, name: str) -> tuple[str, str]:
    if path is None:
        res = resources.files(__package__).joinpath("data", name)
        return res.read_text(encoding="utf-8"), f"stationwatch/places/data/{name}"
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text: {exc}", path=str(path)) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", path=str(path)) from None


def parse_renames(text: str, path: str = "renamed.csv") -> dict[str, dict[str, str]]:
    """Keys an edition changed (a row split or re-dated): kind -> {old key: new key}."""
    out: dict[str, dict[str, str]] = {"station": {}, "response": {}}
    for line, row in _rows(text, path, ("kind", "old_key", "new_key")):
        if row["kind"] not in out:
            raise DataError(f"unknown kind {row['kind']!r}; station or response", path=path,
                            line=line, field="kind")
        out[row["kind"]][row["old_key"]] = row["new_key"]
    return out


def load_reference(stations_csv: Path | None = None,
                   responses_csv: Path | None = None) -> ReferenceData:
    """Parse the bundled (or given) reference files; raise on the first bad row."""
    s_text, path = _read(stations_csv, "reported_stations.csv")
    stations = parse_stations(s_text, path)
    r_text, path = _read(responses_csv, "government_responses.csv")
    responses = parse_responses(r_text, path)
    version = BUNDLED_VERSION if stations_csv is None and responses_csv is None else \
        "sha256:" + hashlib.sha256((s_text + r_text).encode()).hexdigest()[:16]
    text, path = _read(None, "renamed.csv")
    return ReferenceData(stations, responses, version, parse_renames(text, path))


def station_place(row: ReferenceStation) -> lifecycle.Place:
    city, region = row.city.name if row.city else "", row.region or ""
    return lifecycle.Place(row.key, row.country,
                           lifecycle.place_names(city, region, row.city_label),
                           general=tuple(n for n in (city, region, _place_base(
                               row.city_label)) if n),
                           reported=row.reported.start if row.reported else None)


def contradictions(data: ReferenceData) -> list[lifecycle.Contradiction]:
    """Stations whose status is behind what the responses concerning them say (a closure
    order while the station row still says 'investigated')."""
    lives = station_lifecycles(data)
    links = response_links(data)
    out = []
    for s in data.stations:
        implied = lives[s.key][0]
        if implied != s.status:
            by = tuple(r.key for r in data.responses if s.key in links[r.key][0]
                       and r.action in lifecycle.ACTION_STATUS and lifecycle.later(
                           lifecycle.ACTION_STATUS[r.action], s.status) != s.status)
            out.append(lifecycle.Contradiction(s.key, s.status, implied, by))
    return out


def response_links(data: ReferenceData) -> dict[str, tuple[list[str], str]]:
    """The stations each lifecycle response concerns: response key -> (station keys, how;
    see ``lifecycle.concerned``)."""
    places = [station_place(s) for s in data.stations]
    return {r.key: lifecycle.concerned(r.summary, r.country, places, r.date.start)
            for r in data.responses}


def station_lifecycles(data: ReferenceData) -> dict[str, tuple[str, dict[str, date]]]:
    """Each station's status as its row and the responses concerning it set it, with the
    first date of each status an action reached: station key -> (status, {status: date})."""
    links = response_links(data)
    acting: dict[str, list[lifecycle.Action]] = {}
    for r in data.responses:
        for key in links[r.key][0]:
            acting.setdefault(key, []).append(lifecycle.Action(r.key, r.action, r.date.start))
    return {s.key: lifecycle.derived(s.status, acting.get(s.key, ())) for s in data.stations}
