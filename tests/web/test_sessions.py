"""Sessions: the database holds no cookie value, idle and old sessions end, and over HTTPS the
cookies are ``__Host-`` cookies."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from stationwatch_web.access import ensure_roles
from stationwatch_web.sessions import MAX_SECONDS

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough passphrase"


@pytest.fixture
def analyst_client(django_user_model):
    user = django_user_model.objects.create_user("ana", password=PASSWORD)
    ensure_roles()
    user.groups.add(Group.objects.get(name="analyst"))
    client = Client()
    client.post("/accounts/login/", {"login": "ana", "password": PASSWORD})
    assert client.get("/review/").status_code == 200
    return client


def test_the_database_holds_no_cookie_value(analyst_client):
    cookie = analyst_client.cookies["sessionid"].value
    stored = list(Session.objects.values_list("session_key", flat=True))
    assert stored and cookie not in stored
    for key in stored:
        thief = Client()
        thief.cookies["sessionid"] = key
        assert thief.get("/review/").status_code == 302


def test_an_idle_session_ends_and_its_row_expires(analyst_client, settings):
    row = Session.objects.get()
    assert row.expire_date < timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 5)
    session = analyst_client.session
    session["sw_seen"] = time.time() - settings.SESSION_COOKIE_AGE - 1
    session.save()
    assert analyst_client.get("/review/").status_code == 302
    assert "_auth_user_id" not in analyst_client.session


def test_a_busy_session_still_ends_after_the_maximum(analyst_client):
    session = analyst_client.session
    session["sw_started"] = time.time() - MAX_SECONDS - 1
    session.save()
    assert analyst_client.get("/review/").status_code == 302


def test_cookies_are_host_prefixed_over_https():
    env = {**os.environ, "STATIONWATCH_HTTPS_ONLY": "true",
           "DJANGO_SETTINGS_MODULE": "stationwatch_web.settings"}
    out = subprocess.run([sys.executable, "-c", (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE)")],
        env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out == ["__Host-sessionid", "__Host-csrftoken", "True"]
