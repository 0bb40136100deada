"""Bytes or paths into Documents: decoding, HTML main text, WARC records, PDF text."""

from .document import Document
from .load import load_bytes, load_inputs, load_path

__all__ = ["Document", "load_bytes", "load_inputs", "load_path"]
