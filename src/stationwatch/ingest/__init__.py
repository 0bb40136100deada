"""Bytes or paths into Documents: the loader (sources), decoding, HTML main text, WARC
records, PDF text."""

from .document import Document
from .load import load_bytes
from .sources import Item, load_inputs, load_path

__all__ = ["Document", "Item", "load_bytes", "load_inputs", "load_path"]
