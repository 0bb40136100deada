"""Security headers on every page, no inline script anywhere, and the deployment check."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import stationwatch_command

pytestmark = pytest.mark.django_db
PAGES = ["/", "/stations/", "/statistics/", "/exports/", "/accounts/login/", "/stations/ie-dublin/",
         "/countries/NL/", "/bureaus/Fuzhou/"]


def test_every_page_sends_a_strict_policy_and_has_no_inline_script(client, loaded):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        html = response.content.decode()
        # Scripts come from files; a JSON data block (never executed) is the one exception.
        assert not re.search(r'<script(?![^>]*\b(?:src=|type="application/json"))[^>]*>',
                             html), path
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers
        assert " style=" not in html, path


def test_the_deployment_check_passes_with_https_on(cli_env):
    env = {**cli_env, "STATIONWATCH_HTTPS_ONLY": "true"}
    result = subprocess.run([stationwatch_command(), "manage", "check", "--deploy",
                             "--fail-level", "WARNING"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    plain = subprocess.run([stationwatch_command(), "manage", "check", "--deploy"], env=cli_env,
                           capture_output=True, text=True, timeout=120)
    assert "SECURE_HSTS_SECONDS" in plain.stderr  # without it, the check says what is missing
