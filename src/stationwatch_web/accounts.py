"""Accounts: no self sign-up, throttled sign-in, and a second factor for anyone with a role."""

from __future__ import annotations

import base64
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from stationwatch.sealing import KeyRing


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Accounts are created by an administrator (`stationwatch manage createsuperuser`,
        the admin); nobody signs themselves up to a database of this kind."""
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """The first page the account's role may use (with no role: the atlas)."""
        from stationwatch_web.access import landing_page

        return landing_page(request.user)


_SEALED = "sealed:"
_AAD = b"stationwatch mfa secret"


@cache
def _mfa_ring() -> KeyRing:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
               info=b"stationwatch mfa secrets").derive(settings.SECRET_KEY.encode())
    return KeyRing(active="mfa", keys={"mfa": key})


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]
    """TOTP secrets and recovery-code seeds are sealed (AES-GCM, a key derived from the
    app's secret key) so a copy of the database alone does not yield second factors."""

    def encrypt(self, text: str) -> str:
        return _SEALED + base64.b64encode(_mfa_ring().seal(text, _AAD)).decode("ascii")

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(_SEALED):
            return encrypted_text
        return _mfa_ring().open(base64.b64decode(encrypted_text[len(_SEALED):]), _AAD)


def attempted_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The name a sign-in tried, for django-axes (allauth's form calls it ``login``, the
    admin's ``username``), in its canonical form: sign-in matches names without regard to
    case or surrounding spaces, so ``ANALYST1`` and ``" analyst1"`` are ``analyst1`` and
    share its failures and its lockout."""
    credentials = credentials or {}
    raw = str(credentials.get("username") or request.POST.get("login")
              or request.POST.get("username") or "")
    return unicodedata.normalize("NFKC", raw).strip().casefold()


def has_role(user: Any) -> bool:
    """Any account that can do or see more than the public: a role, any group, any
    permission given directly, staff or superuser."""
    return bool(user.is_superuser or user.is_staff or user.groups.exists()
                or user.user_permissions.exists())


def needs_second_factor(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return (settings.SW.require_mfa and user.is_authenticated and has_role(user)
            and not Authenticator.objects.filter(user=user).exists())


class RequireMFAMiddleware:
    """With ``require_mfa``, an account with a role sees only the pages that set up a second
    factor (and sign-out) until it has one: signed in, even the atlas would show it
    unpublished records. Signed out, everyone has the public atlas."""

    ALLOWED = ("/accounts/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(self.ALLOWED) and needs_second_factor(request.user):
            return redirect("mfa_index")
        return self.get_response(request)
