"""Text normalization: folding of case, accents and width; later language id and scripts."""

from .fold import fold

__all__ = ["fold"]
