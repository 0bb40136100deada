"""Who sees and does what: the roles, and the one place row-level visibility is decided.

Roles are groups of permissions: viewer (read everything stored, including unpublished
stations and candidate claims), analyst (also review claims and ingest), editor (also change
and publish stations), case officer (pseudonymous cases), and administrators (superusers).
Anyone else is the public and sees published records only.

Views fetch objects through ``visible_to(user)`` and answer 404 for anything the user may not
see or act on, so a hidden object looks exactly like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

ROLES: dict[str, list[str]] = {
    "viewer": ["evidence.view_source", "evidence.view_claim", "atlas.view_station",
               "atlas.view_response", "atlas.view_bureau"],
    "analyst": ["evidence.change_claim", "evidence.add_source", "evidence.view_ingestjob",
                "evidence.add_ingestjob", "evidence.view_feed", "evidence.add_feed"],
    "editor": ["atlas.change_station", "atlas.add_station", "atlas.change_response"],
    "case officer": ["cases.view_case", "cases.add_case", "cases.change_case"],
}
#: Each role has the permissions of the roles listed before it (case officer stands alone).
INHERITS = {"viewer": [], "analyst": ["viewer"], "editor": ["viewer", "analyst"],
            "case officer": []}


def role_permissions(role: str) -> list[str]:
    out: list[str] = []
    for parent in INHERITS[role]:
        out += ROLES[parent]
    return out + ROLES[role]


def ensure_roles() -> None:
    """Create or update the role groups (idempotent; run with the migrations)."""
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for label in role_permissions(role):
            app, codename = label.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app,
                                                 codename=codename))
        if set(group.permissions.all()) != set(wanted):
            group.permissions.set(wanted)


def visible_to(user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The rows of ``queryset`` the user may see."""
    from stationwatch_web.atlas.models import Station
    from stationwatch_web.cases.models import Case
    from stationwatch_web.evidence.models import Claim, IngestJob, Source

    model = queryset.model
    if model is Station:
        return queryset if user.has_perm("atlas.view_station") else \
            queryset.filter(published=True)
    if model is Claim:
        return queryset if user.has_perm("evidence.view_claim") else \
            queryset.filter(status="accepted", stations__published=True).distinct()
    if model is Source:
        return queryset if user.has_perm("evidence.view_source") else queryset.filter(
            claims__status="accepted", claims__stations__published=True).distinct()
    if model is IngestJob:
        return queryset if user.has_perm("evidence.view_ingestjob") else queryset.none()
    if model is Case:
        return queryset if user.has_perm("cases.view_case") else queryset.none()
    return queryset


def get_visible_or_404(user: Any, queryset: QuerySet[Any], **lookup: Any) -> Model:
    try:
        return visible_to(user, queryset).get(**lookup)  # type: ignore[no-any-return]
    except queryset.model.DoesNotExist:
        raise Http404("not found") from None


def perm_required(perm: str) -> Callable[[Callable[..., HttpResponse]],
                                         Callable[..., HttpResponse]]:
    """For pages: signed out, sign in first; signed in without the permission, 403. (Django's
    ``permission_required`` sends a signed-in account back to the sign-in page, which sends
    it back to the page: a loop.)"""
    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perm(perm):
                raise PermissionDenied(f"this page needs {perm}")
            return view(request, *args, **kwargs)
        return inner
    return wrap


def landing_page(user: Any) -> str:
    """Where an account lands after signing in: the first page its role may use."""
    for perm, name in (("evidence.add_ingestjob", "jobs"), ("evidence.change_claim",
                                                           "review-queue"),
                       ("evidence.view_source", "search")):
        if user.has_perm(perm):
            return reverse(name)
    if user.is_staff and user.has_perm("cases.view_case"):
        return reverse("admin:cases_case_changelist")
    if user.is_staff:
        return reverse("admin:index")
    return reverse("home")


def perm_or_404(perm: str) -> Callable[[Callable[..., HttpResponse]],
                                       Callable[..., HttpResponse]]:
    """For views of one object: without the permission the object does not exist (404),
    not 'forbidden' (403), which would confirm it does."""
    def wrap(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.has_perm(perm):
                raise Http404("not found")
            return view(request, *args, **kwargs)
        return inner
    return wrap
