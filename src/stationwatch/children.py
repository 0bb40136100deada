"""The one fork server of a stationwatch process, shared by URL capture and the parser
sandbox: Python keeps a single fork server per process, so its preload list is set here, once,
for both. Children forked from it start with these modules imported and warm."""

from __future__ import annotations

import multiprocessing

CONTEXT = multiprocessing.get_context("forkserver")
# The command line is preloaded too: a child re-imports the parent's __main__ (the console
# script), which then finds it already loaded.
CONTEXT.set_forkserver_preload(["stationwatch.capture.client", "stationwatch.ingest.sandbox",
                                "stationwatch.ingest._warm", "stationwatch.cli"])
