"""The published fields: the only fields a record leaving stationwatch may hold.

Every way out (the live exports, the API, a release's data files and pages) builds its records
through ``only_allowed`` with one of the schemas here, so a field nobody described, such as a
reviewer's note or anything of a sealed case, never passes. The descriptions are published in
each release's ``datapackage.json`` (Frictionless Table Schema).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import GenericAlias
from typing import Any

from .. import model
from ..errors import ReleaseError


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, number, integer, boolean, date
    description: str
    #: A list of values: JSON keeps the list, a CSV cell joins them with ' | '.
    many: bool = False


#: The only station fields a release or an export may hold, in column order.
STATION_SCHEMA = [
    Field("key", "string", "Stable identifier of the station record."),
    Field("country", "string", "Host country, ISO 3166-1 alpha-2."),
    Field("country_name", "string", "Host country, English name."),
    Field("continent", "string", "GeoNames continent code (EU, AS, AF, NA, SA, OC)."),
    Field("city", "string", "City as GeoNames names it; empty when not located to a city."),
    Field("region", "string", "Region or province, when reported."),
    Field("location_label", "string", "The location as the source words it."),
    Field("latitude", "number", "Latitude of the city (not of any building)."),
    Field("longitude", "number", "Longitude of the city (not of any building)."),
    Field("bureau", "string", "Key of the Chinese public security bureau reported to run it."),
    Field("bureau_label", "string", "The bureau as the source names it."),
    Field("status", "string", f"Furthest lifecycle stage reached: {model.STATUSES.prose()}."),
    Field("front_type", "string", f"Kind of premises reported: {model.FRONT_TYPES.prose()}."),
    Field("reported_on", "date", "Date first reported."),
    Field("investigated_on", "date", "Date a host-government investigation was reported."),
    Field("closure_ordered_on", "date", "Date a closure order was reported."),
    Field("closed_on", "date", "Date the station was reported closed."),
    Field("charged_on", "date", "Date charges or arrests were reported."),
    Field("convicted_on", "date", "Date a conviction was reported."),
    Field("confidence", "string", f"Corroboration: {model.CONFIDENCE.prose()}; syndicated "
                                  "copies count once."),
    Field("independent_sources", "integer", "Independent sources (story groups) behind it."),
    Field("uncertain", "boolean", "True when it rests on weak or secondary sources only."),
    Field("sources", "string", "Cited sources: URLs, or sha256:HASH for stored documents "
                               "without one; ' | ' between them.", many=True),
    Field("grades", "string", "Admiralty grade of each cited source, in the same order: "
                              "reliability A-F and credibility 1-6; ' | ' between them.",
          many=True),
]
RESPONSE_SCHEMA = [
    Field("key", "string", "Stable identifier of the response record."),
    Field("country", "string", "Country that acted, ISO 3166-1 alpha-2 (EU for the Union)."),
    Field("country_name", "string", "Country that acted, English name."),
    Field("actor", "string", "The authority that acted."),
    Field("action", "string", f"{model.ACTIONS.prose()}."),
    Field("date", "date", "Date of the action (see date_text for its precision)."),
    Field("date_text", "string", "The date as precise as reported (2022, 2022-11...)."),
    Field("summary", "string", "What was reported, in a sentence."),
    Field("sources", "string", "Cited sources, ' | ' between them.", many=True),
    Field("grades", "string", "Admiralty grade of each cited source, same order.", many=True),
]
SOURCE_SCHEMA = [
    Field("citation", "string", "How stations and responses cite it: the URL, or "
                                "sha256:HASH for a stored document without one."),
    Field("kind", "string", f"{model.SOURCE_KINDS.prose(labelled=True)}."),
    Field("url", "string", "Where it was published."),
    Field("title", "string", "Its title."),
    Field("publisher", "string", "Who published it."),
    Field("language", "string", "Language code."),
    Field("published_at", "string", "When it was published (ISO 8601, UTC)."),
    Field("captured_at", "string", "When stationwatch captured it (ISO 8601, UTC)."),
    Field("reliability", "string", "Admiralty reliability of the source, A-F."),
    Field("sha256", "string", "SHA-256 of the stored bytes: the evidence itself is withheld, "
                              "its hash lets an auditor confirm it exists unchanged."),
    Field("capture_sha256", "string", "SHA-256 of the stored WARC of the capture (request and "
                                      "response), for captured URLs."),
]
#: The published tables by name (the name is also the top-level key of their JSON files).
TABLES = {"stations": STATION_SCHEMA, "responses": RESPONSE_SCHEMA, "sources": SOURCE_SCHEMA}

#: The Python value of each Table Schema type in a record. A number may be missing (a station
#: not located to a city has no coordinates); a missing date is the empty string.
PYTHON_TYPES: dict[str, Any] = {"string": str, "date": str, "integer": int, "boolean": bool,
                                "number": float | None}


def names(schema: list[Field]) -> list[str]:
    """The field names, in column order."""
    return [f.name for f in schema]


def python_type(field: Field) -> Any:
    """The type of the field's value in a record (for typed API schemas)."""
    value = PYTHON_TYPES[field.type]
    return GenericAlias(list, (value,)) if field.many else value


def only_allowed(record: dict[str, Any], schema: list[Field]) -> dict[str, Any]:
    """The record with exactly the schema's fields, in order; a missing one is an error (a
    field added to a record without a published description never slips through)."""
    missing = [n for n in names(schema) if n not in record]
    if missing:
        raise ReleaseError(f"record lacks published fields {missing}")
    return {n: record[n] for n in names(schema)}


def table_schema(schema: list[Field]) -> dict[str, Any]:
    """The Frictionless Table Schema of a table (the CSV form: lists are joined strings)."""
    return {"fields": [{"name": f.name, "type": f.type, "description": f.description}
                       for f in schema]}
