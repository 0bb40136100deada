"""Sessions that a copy of the database cannot open, and that end when left idle.

Django's database sessions store the cookie value itself as the row's key, so anyone who reads
the database or a backup holds every signed-in session. Here the row holds a SHA-256 of the
cookie value instead: the server finds the row from the cookie, but the row does not give the
cookie. (A session key is 32 random characters, so the digest cannot be searched back.)

A signed-in session also ends after ``SESSION_COOKIE_AGE`` seconds without a request and, at
the latest, ``MAX_SECONDS`` after sign-in.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.backends import db
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

#: A signed-in session ends this long after sign-in however busy it is.
MAX_SECONDS = 12 * 60 * 60
#: Last-seen is written at most this often, so reading pages is not a write per request.
_TOUCH_SECONDS = 60


def stored_key(session_key: str) -> str:
    """What the database holds for a cookie value: 40 hex digits of its SHA-256 (the width of
    Django's ``session_key`` column)."""
    return hashlib.sha256(b"stationwatch session\n" + session_key.encode()).hexdigest()[:40]


class SessionStore(db.SessionStore):
    """Django's database sessions, with the row keyed by ``stored_key(cookie value)``."""

    def _get_session_from_db(self) -> Any:
        key = self.session_key
        if key is None:
            return None
        real, self._session_key = key, stored_key(key)
        try:
            found = super()._get_session_from_db()
        finally:
            self._session_key = real if self._session_key is not None else None
        return found

    async def _aget_session_from_db(self) -> Any:
        key = self.session_key
        if key is None:
            return None
        real, self._session_key = key, stored_key(key)
        try:
            found = await super()._aget_session_from_db()
        finally:
            self._session_key = real if self._session_key is not None else None
        return found

    def exists(self, session_key: str) -> bool:
        return super().exists(stored_key(session_key))  # type: ignore[no-any-return]

    async def aexists(self, session_key: str) -> bool:
        return await super().aexists(stored_key(session_key))  # type: ignore[no-any-return]

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        obj = super().create_model_instance(data)
        obj.session_key = stored_key(obj.session_key)
        return obj

    async def acreate_model_instance(self, data: dict[str, Any]) -> Any:
        obj = await super().acreate_model_instance(data)
        obj.session_key = stored_key(obj.session_key)
        return obj

    def delete(self, session_key: str | None = None) -> None:
        key = session_key if session_key is not None else self.session_key
        if key is not None:
            self.model.objects.filter(session_key=stored_key(key)).delete()

    async def adelete(self, session_key: str | None = None) -> None:
        key = session_key if session_key is not None else self.session_key
        if key is not None:
            await self.model.objects.filter(session_key=stored_key(key)).adelete()


class IdleTimeoutMiddleware:
    """Signs out a session idle for ``SESSION_COOKIE_AGE`` seconds or older than
    ``MAX_SECONDS``. Each write of last-seen also moves the row's expiry, so the server
    forgets an idle session even if no request ever comes back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if request.user.is_authenticated:
            now = time.time()
            started = session.get("sw_started")
            seen = session.get("sw_seen")
            if started is None or seen is None:
                session["sw_started"] = session["sw_seen"] = now
            elif now - seen > settings.SESSION_COOKIE_AGE or now - started > MAX_SECONDS:
                logout(request)
            elif now - seen > _TOUCH_SECONDS:
                session["sw_seen"] = now
        return self.get_response(request)


class PrivateNoStoreMiddleware:
    """Nothing a signed-in account sees (review, search, ingest, unpublished records, the
    admin) and no sign-in page is kept by a browser or proxy cache: ``Cache-Control:
    no-store``. The public atlas stays cacheable."""

    PRIVATE = ("/accounts/", "/admin/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or request.path.startswith(self.PRIVATE):
            add_never_cache_headers(response)
        return response
