"""A real `stationwatch serve` process and headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import DEV_DOCS, REPO, stationwatch_command

DOCS = DEV_DOCS
PASSWORD = "correct horse battery staple"
CHROMIUM = os.environ.get("STATIONWATCH_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts" / "screenshots"
# Chromium's own network chatter is refused on a closed network; keep it quiet and local.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served_atlas(app_database):
    """`stationwatch serve` on a fresh database, as the README's first command runs it."""
    yield from _serve(app_database)


@pytest.fixture
def served_empty_atlas(app_database):
    """`stationwatch serve --no-reference`: an atlas with nothing in it yet."""
    yield from _serve(app_database, "--no-reference")


def _serve(app_database, *args: str):
    port = free_port()
    log = open(Path(app_database["STATIONWATCH_DATA_DIR"]) / "serve.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen([stationwatch_command(), "serve", "--port", str(port), *args],
                            env=app_database, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - loopback
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"stationwatch serve did not start:\n{log.read()}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    # A script, style or request the Content-Security-Policy blocked is a bug as well.
    pg.on("console", lambda msg: errors.append(msg.text)
          if "Content Security Policy" in msg.text else None)
    # Offline by construction: any request leaving the served origin fails the test.
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(("http://127.0.0.1:", "http://localhost:", "file://")):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    pg.route("**/*", guard)
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not outside, f"requests to other origins: {outside}"


def screenshot(pg, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, base: str, env: dict[str, str], *docs: str) -> None:
    """Create the analyst account, ingest some dev-corpus documents, and sign in."""
    env = {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    for args in (["manage", "createsuperuser", "--noinput", "--username", "analyst",
                  "--email", "analyst@example.org"],
                 *([["ingest", *(DOCS / d for d in docs)]] if docs else [])):
        subprocess.run([stationwatch_command(), *map(str, args)], env=env, check=True,
                       capture_output=True, timeout=300)
    page.goto(base + "accounts/login/")
    page.get_by_label("Username").fill("analyst")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
