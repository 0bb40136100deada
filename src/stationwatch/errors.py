"""The one exception tree of stationwatch.

Every error names the input and the problem, so a CLI can print it as one line.
"""

from __future__ import annotations


class StationwatchError(Exception):
    """Base of every error raised on purpose by stationwatch."""


class ConfigError(StationwatchError):
    """A setting, config file or environment variable is invalid."""


class DataError(StationwatchError):
    """A data file (reference CSV, vocabulary YAML) is malformed.

    Carries the file, line and field so a user can fix the row.
    """

    def __init__(self, message: str, *, path: str, line: int | None = None,
                 field: str | None = None) -> None:
        self.path = path
        self.line = line
        self.field = field
        where = path
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")
        self.problem = message


class GazetteerError(StationwatchError):
    """A place could not be resolved in the bundled gazetteer."""


class DocumentError(StationwatchError):
    """One document could not be loaded or read; the batch goes on without it."""


class ReleaseError(StationwatchError):
    """A release or an export cannot be built, read or trusted."""
