"""Used TOTP codes and sign-in rate limits are kept where a restart (or another process of
the installation) sees them, not in one process's memory."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.test import Client

from stationwatch_web.access import ensure_roles
from tests.web.test_accounts import PASSWORD, sign_in, totp

pytestmark = pytest.mark.django_db


def restart() -> None:
    """What a process restart forgets: every in-memory cache."""
    for store in (*locmem._caches.values(), *locmem._expire_info.values()):
        store.clear()


def test_a_used_totp_code_is_refused_after_a_restart(django_user_model, settings):
    settings.SW = replace(settings.SW, require_mfa=True)
    caches["default"].clear()
    user = django_user_model.objects.create_user("ana", password=PASSWORD)
    ensure_roles()
    user.groups.add(Group.objects.get(name="analyst"))
    client = Client()
    sign_in(client)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    secret = client.get("/accounts/2fa/totp/activate/").context["form"].secret
    client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert user.authenticator_set.filter(type="totp").exists()

    first = Client()
    sign_in(first)
    code = totp(secret)
    first.post("/accounts/2fa/authenticate/", {"code": code})
    assert first.get("/review/").status_code == 200

    restart()
    replay = Client()
    sign_in(replay)
    replay.post("/accounts/2fa/authenticate/", {"code": code})
    assert replay.get("/review/").status_code == 302
