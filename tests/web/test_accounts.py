"""Accounts: sign-in through allauth, a required second factor (TOTP), throttled guessing by
username and address, no self sign-up, the admin behind the same login, sessions ended when
the password changes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from dataclasses import replace

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from stationwatch_web.access import ensure_roles

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough passphrase"


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), written here so the test does not trust allauth's."""
    counter = int((time.time() if at is None else at) // 30)
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user("ana", password=PASSWORD)
    ensure_roles()
    user.groups.add(Group.objects.get(name="analyst"))
    return user


@pytest.fixture
def mfa_required(settings):
    settings.SW = replace(settings.SW, require_mfa=True)


def sign_in(client: Client, username: str = "ana", password: str = PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": username, "password": password}, **extra)


def test_a_role_without_a_second_factor_must_set_one_up_then_signs_in_with_it(
        client, analyst, mfa_required):
    assert sign_in(client).status_code == 302
    response = client.get("/review/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/"
    # Even the atlas: signed in, it would show this account's unpublished records.
    assert client.get("/")["Location"] == "/accounts/2fa/"

    # Adding a factor is a sensitive change: the password is asked for again first.
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith(
        "/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    secret = page.context["form"].secret
    assert client.post("/accounts/2fa/totp/activate/", {"code": "000000"}
                       ).status_code == 200  # wrong code: the form again, nothing activated
    assert not analyst.authenticator_set.exists()
    client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    stored = analyst.authenticator_set.get(type="totp").data
    assert secret not in str(stored) and stored["secret"].startswith("sealed:")
    assert client.get("/review/").status_code == 200

    fresh = Client()
    response = sign_in(fresh)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert fresh.get("/review/").status_code == 302  # the password alone is not a session
    code = totp(secret)
    fresh.post("/accounts/2fa/authenticate/", {"code": code})
    assert fresh.get("/review/").status_code == 200
    replay = Client()  # someone who saw the code and knows the password
    sign_in(replay)
    replay.post("/accounts/2fa/authenticate/", {"code": code})
    assert replay.get("/review/").status_code == 302


def test_guessing_locks_that_username_at_that_address_only(client, analyst, django_user_model):
    django_user_model.objects.create_user("other", password=PASSWORD)
    here = {"REMOTE_ADDR": "203.0.113.7"}
    for _ in range(4):
        assert sign_in(client, password="wrong guess " * 2, **here).status_code == 200
    assert sign_in(client, password="wrong guess " * 2, **here).status_code == 429  # 5th
    locked = sign_in(client, **here)  # the right password no longer helps
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert sign_in(Client(), **{"REMOTE_ADDR": "198.51.100.9"}).status_code == 302
    assert sign_in(Client(), "other", **here).status_code == 302


def test_nobody_signs_themselves_up(client, django_user_model):
    page = client.get("/accounts/signup/")
    assert "password1" not in page.content.decode()
    client.post("/accounts/signup/", {"username": "mallory", "password1": PASSWORD,
                                      "password2": PASSWORD})
    assert not django_user_model.objects.filter(username="mallory").exists()


def test_the_admin_signs_in_through_the_same_login(client, django_user_model, mfa_required):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    sign_in(client, "root")
    assert client.get("/admin/").status_code == 302  # no second factor yet: set one up first


def test_changing_the_password_ends_the_other_sessions(client, analyst):
    other = Client()
    sign_in(client)
    sign_in(other)
    assert other.get("/review/").status_code == 200
    response = client.post("/accounts/password/change/", {
        "oldpassword": PASSWORD, "password1": "another long passphrase",
        "password2": "another long passphrase"})
    assert response.status_code == 302
    assert client.get("/review/").status_code == 200  # the one who changed it stays in
    assert other.get("/review/").status_code == 302  # everyone else is signed out


def test_d3_password_reset_is_single_use_enumerates_nobody_and_keeps_the_second_factor(
        client, analyst, mfa_required):
    import re

    from allauth.mfa.totp.internal.auth import TOTP
    from django.core import mail

    analyst.email = "ana@example.org"
    analyst.save()
    TOTP.activate(analyst, "JBSWY3DPEHPK3PXP")
    known = client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]  # the same answer either way
    link = next(re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", m.body).group(1)
                for m in mail.outbox if "ana@example.org" in m.to)
    form = client.get(link, follow=True)
    new = "a brand new passphrase"
    done = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                       {"password1": new, "password2": new})
    assert done.status_code == 302
    assert Client().get(link, follow=True).context["token_fail"]  # the link worked once
    fresh = Client()
    assert sign_in(fresh, password=new)["Location"] == "/accounts/2fa/authenticate/"
    assert fresh.get("/review/").status_code == 302  # a new password is not a second factor
