"""Archive-scale scanning: one picklable task per input file; serial, process-pool and
Dask executors; a byte-level prefilter; a resumable manifest."""

from .scan import ScanOptions, ScanSummary, scan

__all__ = ["ScanOptions", "ScanSummary", "scan"]
