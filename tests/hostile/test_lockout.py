"""Sign-in lockout per canonical username: changing the case or adding spaces to a locked
name neither signs in nor buys more guesses."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough passphrase"
HERE = {"REMOTE_ADDR": "203.0.113.7"}


def sign_in(username: str, password: str = PASSWORD) -> int:
    return Client().post("/accounts/login/", {"login": username, "password": password},
                         **HERE).status_code


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()  # allauth's per-address rate limit: each test starts from none


@pytest.fixture
def analyst1(django_user_model):
    return django_user_model.objects.create_user("analyst1", password=PASSWORD)


@pytest.mark.parametrize("variant", ["ANALYST1", " analyst1", "Analyst1 ", "analyst1"])
def test_a_locked_username_stays_locked_in_any_spelling(analyst1, variant):
    for _ in range(5):
        sign_in("analyst1", "wrong guess wrong guess")
    assert sign_in(variant) == 429


def test_guesses_in_several_spellings_count_together(analyst1):
    for name in ("ANALYST1", " analyst1", "Analyst1", "analyst1 ", "aNALYST1"):
        sign_in(name, "wrong guess wrong guess")
    assert sign_in("analyst1") == 429
