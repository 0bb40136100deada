"""The compiled automaton is cached by its inputs; a damaged cache is rebuilt, never trusted."""

import subprocess
import sys

CODE = ("import time; t = time.time()\n"
        "from stationwatch.extract import extract\n"
        "from stationwatch.ingest import load_bytes\n"
        "r = extract(load_bytes(b'An overseas police service station in Dublin.', path='x'))\n"
        "assert r.stations[0]['city'] == 'Dublin', r\n")


def run(env):
    subprocess.run([sys.executable, "-c", CODE], env=env, check=True, timeout=300)


def test_the_automaton_is_cached_and_a_damaged_cache_is_rebuilt(tmp_path, cli_env):
    env = {**cli_env, "STATIONWATCH_CACHE_DIR": str(tmp_path)}
    run(env)
    files = list(tmp_path.glob("matcher-*.pickle"))
    assert len(files) == 1 and files[0].stat().st_size > 1_000_000
    run(env)  # loads it
    assert list(tmp_path.glob("matcher-*.pickle")) == files
    files[0].write_bytes(b"not a pickle")
    run(env)  # rebuilt and rewritten
    assert files[0].stat().st_size > 1_000_000


def test_an_unwritable_cache_directory_only_costs_time(tmp_path, cli_env):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    run({**cli_env, "STATIONWATCH_CACHE_DIR": str(blocker / "cache")})
