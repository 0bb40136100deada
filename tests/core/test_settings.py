"""Settings precedence (defaults < file < environment) and the docs page derived from them."""

from pathlib import Path

import pytest

from stationwatch.errors import ConfigError
from stationwatch.settings import Settings, load_settings
from tests.conftest import REPO


def test_defaults_apply_without_file_or_environment(tmp_path):
    s = load_settings(environ={"STATIONWATCH_DATA_DIR": str(tmp_path)})
    assert (s.host, s.port, s.debug, s.database_url) == ("127.0.0.1", 8000, False, "")
    assert s.sqlite_path == tmp_path / "stationwatch.sqlite3"


def test_config_file_overrides_defaults_and_environment_overrides_the_file(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('port = 9000\nhost = "0.0.0.0"\nallowed_hosts = ["a.example"]\n')
    env = {"STATIONWATCH_DATA_DIR": str(tmp_path), "STATIONWATCH_PORT": "9100"}
    s = load_settings(environ=env)  # config.toml in the data dir is found by itself
    assert (s.host, s.port, s.allowed_hosts) == ("0.0.0.0", 9100, ("a.example",))


def test_database_url_switches_database(tmp_path):
    s = load_settings(environ={"DATABASE_URL": "postgres://u@127.0.0.1:5432/x"})
    assert s.database_url.startswith("postgres://")
    s = load_settings(environ={"DATABASE_URL": "postgres://a/b",
                               "STATIONWATCH_DATABASE_URL": "sqlite:///c"})
    assert s.database_url == "sqlite:///c"


@pytest.mark.parametrize(("env", "message"), [
    ({"STATIONWATCH_PORT": "eighty"}, "STATIONWATCH_PORT.*'port'"),
    ({"STATIONWATCH_DEBUG": "maybe"}, "expected true or false"),
])
def test_bad_environment_values_are_named(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=env)


def test_bad_config_files_are_named(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("port = [")
    with pytest.raises(ConfigError, match="c.toml: not valid TOML"):
        load_settings(config_file=cfg, environ={})
    cfg.write_text("colour = 'red'\n")
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings(config_file=cfg, environ={})
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(config_file=tmp_path / "nope.toml", environ={})


def render_settings_doc() -> str:
    lines = ["# Settings", "",
             "Generated from `stationwatch.settings.Settings`; `tests/core/test_settings.py` "
             "fails when this page and the code disagree.", "",
             "Each setting can be given in a TOML config file (`$STATIONWATCH_CONFIG`, or "
             "`config.toml` in the data directory) or, overriding it, in the environment as "
             "`STATIONWATCH_<NAME>`.", "",
             "| setting | environment | default | meaning |", "|---|---|---|---|"]
    for name, default, help_text in Settings.declared():
        if isinstance(default, Path):
            default = "`$XDG_DATA_HOME/stationwatch` (`~/.local/share/stationwatch`)"
        elif isinstance(default, tuple):
            default = f"`{','.join(map(str, default))}`"
        else:
            default = f"`{default!r}`" if default != "" else "(empty)"
        lines.append(f"| `{name}` | `STATIONWATCH_{name.upper()}` | {default} | {help_text} |")
    return "\n".join(lines) + "\n"


def test_settings_doc_matches_the_code():
    doc = REPO / "docs" / "settings.md"
    assert doc.read_text(encoding="utf-8") == render_settings_doc(), (
        "docs/settings.md is stale: run `python -m tests.core.test_settings` to regenerate")


if __name__ == "__main__":
    (REPO / "docs" / "settings.md").write_text(render_settings_doc(), encoding="utf-8")
