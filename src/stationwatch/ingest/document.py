"""The Document: what every loader produces and every extractor reads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    """One document's main text (evidence spans index into ``text``) and where it came from."""

    path: str
    text: str = ""
    title: str = ""
    uri: str | None = None
    media_type: str = ""
    encoding: str | None = None
    warc_record_id: str | None = None
    offset: int | None = None
    errors: list[str] = field(default_factory=list)
    #: Active or embedded content found (``pdf:javascript``...): recorded, never run or opened.
    flags: list[str] = field(default_factory=list)
