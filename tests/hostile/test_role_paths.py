"""Every role signs in to a page it may use (no redirect loop between a page it may not use
and the sign-in page), and any account with any permission, however granted, needs a second
factor."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from stationwatch_web.access import ensure_roles

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough passphrase"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def account(django_user_model, role: str | None, *, staff: bool = False):
    ensure_roles()
    user = django_user_model.objects.create_user("someone", password=PASSWORD,
                                                 is_staff=staff)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def land(client: Client, path: str = "/accounts/login/"):
    """Sign in, follow the redirects (at most ten) and return the last response and the
    paths it went through."""
    response = client.post(path, {"login": "someone", "password": PASSWORD})
    seen = []
    while response.status_code in (301, 302) and len(seen) < 10:
        seen.append(response["Location"])
        response = client.get(response["Location"])
    return response, seen


@pytest.mark.parametrize("role,staff", [("viewer", False), ("case officer", False),
                                        ("case officer", True), (None, False),
                                        ("analyst", False), ("editor", False)])
def test_every_role_signs_in_to_a_page_it_may_use(django_user_model, role, staff):
    account(django_user_model, role, staff=staff)
    response, seen = land(Client())
    assert response.status_code == 200, seen
    assert len(seen) < 10 and not any(p.startswith("/accounts/login/") for p in seen), seen


@pytest.mark.parametrize("role", ["viewer", "case officer", None])
def test_a_page_the_account_may_not_use_is_a_403_not_a_loop(django_user_model, role):
    account(django_user_model, role)
    response, seen = land(Client(), "/accounts/login/?next=/ingest/")
    assert response.status_code == 403, seen
    assert len(seen) < 10


def test_signed_out_the_page_still_asks_for_sign_in(client):
    response = client.get("/ingest/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_permission_given_directly_needs_a_second_factor(django_user_model, settings):
    settings.SW = replace(settings.SW, require_mfa=True)
    user = account(django_user_model, None)
    user.user_permissions.add(Permission.objects.get(codename="view_source"))
    client = Client()
    client.post("/accounts/login/", {"login": "someone", "password": PASSWORD})
    assert client.get("/search/")["Location"] == "/accounts/2fa/"
