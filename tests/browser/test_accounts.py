"""A second factor in a real browser: an administrator made to set up TOTP on first sign-in,
then a passkey (Chromium's virtual authenticator), then signing in with the passkey alone."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.conftest import PASSWORD, _serve, screenshot
from tests.conftest import stationwatch_command
from tests.web.test_accounts import totp

pytestmark = pytest.mark.browser


@pytest.fixture
def mfa_atlas(app_database):
    env = {**app_database, "STATIONWATCH_REQUIRE_MFA": "true"}
    for url in _serve(env, "--no-reference"):
        subprocess.run([stationwatch_command(), "manage", "createsuperuser", "--noinput",
                        "--username", "chief", "--email", "chief@example.org"],
                       env={**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}, check=True,
                       capture_output=True, timeout=300)
        # WebAuthn needs a domain for its relying party: localhost, not 127.0.0.1.
        yield url.replace("127.0.0.1", "localhost")


def test_totp_is_required_then_a_passkey_signs_in_alone(mfa_atlas, page):
    base = mfa_atlas
    page.goto(base + "accounts/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(base + "review/")
    page.wait_for_url(base + "accounts/2fa/")  # no way in before a second factor

    page.goto(base + "accounts/2fa/totp/activate/")
    page.get_by_label("Password").fill(PASSWORD)  # a sensitive change asks again
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp(secret))
    page.get_by_role("button", name="Activate").click()
    page.goto(base + "review/")
    assert page.url == base + "review/"
    screenshot(page, "mfa-review-after-totp")

    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})
    page.goto(base + "accounts/2fa/webauthn/add/")
    if "reauthenticate" in page.url:  # the password may be asked again here too
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Name").fill("test key")
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_url(base + "accounts/2fa/")
    assert "Security key added" in page.locator("main").inner_text()
    screenshot(page, "mfa-factors")

    page.get_by_role("button", name="Sign out").click()
    page.goto(base + "accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.wait_for_url(base + "ingest/")  # where a sign-in lands
    page.goto(base + "review/")
    assert page.url == base + "review/"
    screenshot(page, "mfa-signed-in-with-passkey")
