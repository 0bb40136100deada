"""Document -> claims with evidence spans: relevance, station locations, bureaus, responses."""

from .extractor import EXTRACTOR_VERSION, Extraction, extract

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract"]
