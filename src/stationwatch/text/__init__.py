"""Text normalization: folding of case, accents, width and Chinese script; language id."""

from .fold import fold
from .lang import detect_language
from .normalize import Normalized, fold_term, normalize, search_key

__all__ = ["Normalized", "detect_language", "fold", "fold_term", "normalize", "search_key"]
