"""The core's public surface: the names ``stationwatch`` hands on, readable in one screen
(httpx and sqlite-utils pin theirs the same way). A change here is a change of the API."""

import subprocess
import sys

import stationwatch

PUBLIC = ["BlobStore", "Document", "EXPORTS", "ReleaseError", "Settings", "StationwatchError",
          "__version__", "load_bytes", "load_path", "load_settings", "only_allowed",
          "verify_release"]


def test_all_lists_the_public_names_sorted():
    assert stationwatch.__all__ == PUBLIC == sorted(PUBLIC)


def test_every_public_name_is_the_object_of_its_home_module():
    from stationwatch.errors import ReleaseError
    from stationwatch.export.formats import EXPORTS
    from stationwatch.ingest import load_path

    namespace: dict[str, object] = {}
    exec("from stationwatch import *", namespace)  # noqa: S102 - the star import users write
    assert sorted(n for n in namespace if n != "__builtins__") == PUBLIC
    assert stationwatch.ReleaseError is ReleaseError and stationwatch.EXPORTS is EXPORTS
    assert stationwatch.load_path is load_path


def test_importing_the_package_loads_no_submodule():
    code = ("import sys, stationwatch\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('stationwatch.'))\n"
            "assert not loaded, loaded")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_unknown_name_is_an_attribute_error():
    try:
        stationwatch.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("no AttributeError")
