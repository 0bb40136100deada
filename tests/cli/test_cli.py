"""The `stationwatch` command as a user runs it: a real process on a real database."""

import subprocess

from tests.conftest import stationwatch_command

GOOD_HEADER = ("host_country_iso2,host_country,city,operating_bureau,first_reported_by,"
               "reported_date,front_type_if_reported,status,source_url,notes")


def run(env, *args, check=True):
    result = subprocess.run([stationwatch_command(), *args], env=env, capture_output=True,
                            text=True, timeout=240)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_version_and_help(cli_env):
    assert "stationwatch, version" in run(cli_env, "--version").stdout
    out = run(cli_env, "--help").stdout
    for command in ("serve", "load-reference", "check-reference", "migrate", "manage"):
        assert command in out


def test_check_reference_validates_without_a_database(cli_env, data_dir):
    out = run(cli_env, "check-reference").stdout
    assert "106 stations in 49 countries" in out and "86 responses" in out
    assert not (data_dir / "stationwatch.sqlite3").exists()


def test_check_reference_fails_on_a_status_behind_its_responses(cli_env, tmp_path):
    from tests.core.test_lifecycle import RESPONSES, STATIONS

    (tmp_path / "s.csv").write_text(STATIONS)
    (tmp_path / "r.csv").write_text(RESPONSES)
    result = run(cli_env, "check-reference", "--stations", str(tmp_path / "s.csv"),
                 "--responses", str(tmp_path / "r.csv"), check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "contradiction: nl-rotterdam: status 'investigated'" in result.stderr
    assert "2 station(s) disagree with their responses" in result.stderr


def test_load_reference_twice_then_a_bad_file_changes_nothing(app_database, tmp_path):
    first = run(app_database, "load-reference").stdout
    assert "created 106 stations" in first and "created 86 responses" in first
    assert "nothing changed" in run(app_database, "load-reference").stdout

    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD_HEADER + "\n"
                   "NL,Netherlands,Utrecht,unknown,SD,2022-09-12,,reported,https://e.org/,x\n"
                   "NL,Netherlands,,unknown,SD,2022-09-12,,reported,https://e.org/,x\n")
    result = run(app_database, "load-reference", "--stations", str(bad), check=False)
    assert result.returncode == 1
    assert f"Error: {bad}, line 3, field 'city': missing city" in result.stderr
    assert "Traceback" not in result.stderr
    # Nothing from the bad file was stored: a load of the good data still changes nothing.
    assert "nothing changed" in run(app_database, "load-reference").stdout


def test_a_bad_setting_is_one_clear_line(cli_env):
    result = run({**cli_env, "STATIONWATCH_PORT": "eighty"}, "serve", check=False)
    assert result.returncode != 0
    assert "STATIONWATCH_PORT" in result.stderr and "Traceback" not in result.stderr


def test_a_busy_port_is_one_clear_line_naming_the_setting(cli_env, tmp_path):
    import socket
    from pathlib import Path

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(cli_env, "serve", "--port", str(port), check=False)
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "--port" in result.stderr and "STATIONWATCH_PORT" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "serving on" not in result.stdout
    # Refused before anything was set up: no database was created for a server that never ran.
    assert not (Path(cli_env["STATIONWATCH_DATA_DIR"]) / "stationwatch.sqlite3").exists()
