"""One ``Settings`` object: defaults < config file (TOML) < ``STATIONWATCH_*`` environment.

Each setting is declared once, with its default and help text; ``docs/settings.md`` is
generated from these declarations and a test fails when the two drift apart.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "STATIONWATCH_"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "stationwatch"


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stationwatch"


def _setting(default: Any, help: str, *, factory: Any = None) -> Any:
    if factory is not None:
        return field(default_factory=factory, metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Every configurable value of stationwatch, for the core and the web app alike."""

    data_dir: Path = _setting(
        None, "Directory holding the SQLite database, evidence blobs and the secret key.",
        factory=_default_data_dir)
    cache_dir: Path = _setting(
        None, "Directory for rebuildable caches (the compiled vocabulary automaton); "
        "safe to delete.", factory=_default_cache_dir)
    database_url: str = _setting(
        "", "Database URL; empty means SQLite in the data directory. "
        "`DATABASE_URL` is honoured too, e.g. postgres://user@127.0.0.1:5432/stationwatch.")
    host: str = _setting("127.0.0.1", "Address `stationwatch serve` listens on.")
    port: int = _setting(8000, "Port `stationwatch serve` listens on.")
    debug: bool = _setting(False, "Django debug mode; never on a public server.")
    allowed_hosts: tuple[str, ...] = _setting(
        ("127.0.0.1", "localhost", "[::1]"),
        "Host names the web app answers to (comma-separated in the environment).")
    secret_key: str = _setting(
        "", "Django secret key; empty means one is generated once and kept in the data directory.")
    load_reference_on_start: bool = _setting(
        True, "Load the bundled reference data when `serve` finds an empty database.")
    log_level: str = _setting("INFO", "Logging level of the CLI and the web app.")
    workers: int = _setting(
        2, "Web server processes (gunicorn's pre-forked workers; waitress on Windows is one).")
    threads: int = _setting(8, "Threads per web server process.")
    https_only: bool = _setting(
        False, "The app is reached over HTTPS only: HSTS, secure cookies, http redirected. "
        "Turn on for any public deployment (`manage check --deploy` then passes).")
    behind_proxy: bool = _setting(
        False, "A reverse proxy terminates TLS and sets X-Forwarded-Proto (and strips any "
        "copy a client sent).")
    capture_ports: tuple[int, ...] = _setting(
        (80, 443, 8080, 8443), "Ports URL capture may connect to (comma-separated).")
    capture_allow_loopback: bool = _setting(
        False, "Let URL capture reach loopback addresses; only for a test's local server.")
    capture_max_bytes: int = _setting(
        50 * 1024 * 1024, "Largest decoded response URL capture keeps, in bytes.")
    capture_deadline: int = _setting(
        60, "Seconds one capture may take in total, redirects and slow servers included.")
    capture_max_redirects: int = _setting(10, "Redirects URL capture follows.")
    case_keys_file: str = _setting(
        "", "File holding the case encryption key ring; empty means `case-keys.json` in the "
        "data directory. Keep it out of backups of the data.")
    case_keys: str = _setting(
        "", "The case key ring itself, as JSON (overrides the file; for deployments that "
        "inject secrets through the environment).")
    audit_keys_file: str = _setting(
        "", "File holding the audit log's key ring (the MAC of every entry and of the head "
        "checkpoint); empty means `audit-keys.json` in the data directory. Created on first "
        "use; keep a copy apart from the backups, with the secret key.")
    feeds: tuple[str, ...] = _setting(
        (), "RSS/Atom feed URLs `stationwatch watch` polls besides those added with "
        "`ingest --feed` (comma-separated).")
    feed_max_entries: int = _setting(
        100, "New entries one poll of one feed captures at most; the rest wait for the next "
        "poll, so a hostile feed of thousands of links cannot hold the poller.")
    parser_memory_mb: int = _setting(
        1024, "Address-space limit of the child process that parses each untrusted document "
        "at ingest (MB).")
    parser_cpu_seconds: int = _setting(
        60, "CPU-time limit of that child, in seconds; a document that needs more is rejected.")
    upload_max_mb: int = _setting(
        1024, "Largest upload request the web app accepts, all files together (MB); refused "
        "while it arrives, before it fills the disk.")
    require_mfa: bool = _setting(
        True, "Accounts with any role (and administrators) must set up a second factor, TOTP or "
        "a passkey, before they can use the app.")
    two_person_review: bool = _setting(
        False, "No one may accept a claim they proposed or edited: a second analyst accepts it.")
    release_license: str = _setting(
        "CC-BY-4.0", "Licence of published data releases (an SPDX identifier), written into "
        "datapackage.json and the data page.")

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "stationwatch.sqlite3"

    @property
    def case_keys_path(self) -> Path:
        return Path(self.case_keys_file) if self.case_keys_file else \
            self.data_dir / "case-keys.json"

    @classmethod
    def declared(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) for every setting, in declaration order."""
        out = []
        for f in fields(cls):
            default = f.default_factory() if callable(f.default_factory) else f.default
            out.append((f.name, default, f.metadata["help"]))
        return out


def _coerce(name: str, raw: Any, template: Any, origin: str) -> Any:
    """Turn a config or environment value into the declared type of ``name``."""
    try:
        if isinstance(template, bool):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(f"expected true or false, got {raw!r}")
        if isinstance(template, int):
            return int(raw)
        if isinstance(template, Path):
            return Path(str(raw)).expanduser()
        if isinstance(template, tuple):
            items = raw if isinstance(raw, list) else str(raw).split(",")
            words = [str(i).strip() for i in items if str(i).strip()]
            if template and isinstance(template[0], int):
                return tuple(int(w) for w in words)
            return tuple(words)
        return str(raw)
    except ValueError as exc:
        raise ConfigError(f"{origin}: setting {name!r}: {exc}") from None


def load_settings(*, config_file: Path | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from defaults, then a TOML config file, then the environment.

    The config file is ``config_file``, else ``$STATIONWATCH_CONFIG``, else
    ``<data_dir>/config.toml`` when it exists.
    """
    env = os.environ if environ is None else environ
    settings = Settings()
    known = {f.name: getattr(settings, f.name) for f in fields(Settings)}

    env_values: dict[str, Any] = {}
    for name, template in known.items():
        key = ENV_PREFIX + name.upper()
        if key in env:
            env_values[name] = _coerce(name, env[key], template, f"environment {key}")
    if "database_url" not in env_values and env.get("DATABASE_URL"):
        env_values["database_url"] = env["DATABASE_URL"]

    path = config_file or (Path(env[ENV_PREFIX + "CONFIG"]) if env.get(ENV_PREFIX + "CONFIG")
                           else None)
    if path is None:
        data_dir = env_values.get("data_dir", settings.data_dir)
        candidate = Path(data_dir) / "config.toml"
        path = candidate if candidate.is_file() else None
    file_values: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        for name, value in raw.items():
            if name not in known:
                raise ConfigError(f"{path}: unknown setting {name!r}")
            file_values[name] = _coerce(name, value, known[name], str(path))
    return replace(settings, **{**file_values, **env_values})
