"""stationwatch core: find, preserve, verify and map reporting on overseas police stations.

The core is pure Python and never imports Django; the web application (``stationwatch_web``)
is a thin layer over it. The names below are the public surface (pinned by
tests/core/test_public_api.py); each is loaded from its module on first use, so importing the
package stays cheap for the command line.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# A library never configures logging; applications do.
logging.getLogger(__name__).addHandler(logging.NullHandler())

#: Each public name and the module that holds it.
_HOMES = {
    "BlobStore": "evidence.store",
    "Document": "ingest",
    "EXPORTS": "export.formats",
    "ReleaseError": "errors",
    "Settings": "settings",
    "StationwatchError": "errors",
    "load_bytes": "ingest",
    "load_path": "ingest",
    "load_settings": "settings",
    "only_allowed": "export.schema",
    "verify_release": "export.release",
}

__all__ = ["BlobStore", "Document", "EXPORTS", "ReleaseError", "Settings", "StationwatchError",
           "__version__", "load_bytes", "load_path", "load_settings", "only_allowed",
           "verify_release"]

if TYPE_CHECKING:
    from .errors import ReleaseError, StationwatchError
    from .evidence.store import BlobStore
    from .export.formats import EXPORTS
    from .export.release import verify_release
    from .export.schema import only_allowed
    from .ingest import Document, load_bytes, load_path
    from .settings import Settings, load_settings


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'stationwatch' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
