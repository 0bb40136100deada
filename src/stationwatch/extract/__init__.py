"""Document -> claims with evidence spans: relevance, station locations, bureaus, responses."""

from ..model import Extraction
from .extractor import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract"]
