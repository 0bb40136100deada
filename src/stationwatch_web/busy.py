"""A database still locked by another writer after the busy timeout is a 503 "busy, retry",
not a 500: the request changed nothing (its transaction was rolled back) and may be sent again."""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse

RETRY_AFTER = 5


class BusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, OperationalError) and "locked" in str(exc).lower():
            response = HttpResponse("The database is busy with another change; nothing was "
                                    "saved. Please retry in a few seconds.\n", status=503,
                                    content_type="text/plain; charset=utf-8")
            response["Retry-After"] = str(RETRY_AFTER)
            return response
        return None
