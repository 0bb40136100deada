"""Evidence kept as it was received: a content-addressed, write-once blob store."""

from .store import BlobProblem, BlobStore

__all__ = ["BlobProblem", "BlobStore"]
