"""Loaded as a plugin (``-p tests.environment``) before pytest-django sets Django up, so the
settings read here point every test, and every command a test starts, at throwaway folders:
never at the user's real data directory."""

from __future__ import annotations

import os
import tempfile

os.environ["STATIONWATCH_DATA_DIR"] = tempfile.mkdtemp(prefix="stationwatch-test-")
# One cache for the session, its xdist workers (which inherit the controller's environment) and
# the commands they start: the automaton and the prefilter are built once per run.
if "STATIONWATCH_TEST_CACHE_DIR" not in os.environ:
    os.environ["STATIONWATCH_TEST_CACHE_DIR"] = tempfile.mkdtemp(prefix="stationwatch-cache-")
os.environ["STATIONWATCH_CACHE_DIR"] = os.environ["STATIONWATCH_TEST_CACHE_DIR"]
os.environ.pop("STATIONWATCH_CONFIG", None)
# Most tests sign in without a second factor; the account tests turn the requirement back on.
os.environ["STATIONWATCH_REQUIRE_MFA"] = "false"
