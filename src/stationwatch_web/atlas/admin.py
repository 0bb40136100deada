"""The atlas in the admin. Stations are changed and published through ``station_save`` (an
editor's act, audited, published only on an accepted claim); the claims a station rests on
are attached by review, never here. Responses and bureaus are reference data: read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from .models import Bureau, Response, Station
from .services import station_change_refusal, station_save


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Bureau)
class BureauAdmin(ReadOnlyAdmin):
    list_display = ("key", "name_en", "name_zh", "level", "parent")


class StationForm(forms.ModelForm):
    user: Any = None

    def _post_clean(self) -> None:
        super()._post_clean()  # the instance now holds the submitted values
        refusal = station_change_refusal(station=self.instance, user=self.user)
        if refusal:
            self.add_error(None, refusal)


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    form = StationForm
    list_display = ("key", "country", "city", "bureau", "status", "published")
    list_filter = ("status", "published", "country", "bureau")
    search_fields = ("key", "city", "location_label")
    readonly_fields = ("claims", "confidence", "independent_sources", "continent")

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False,
                 **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        return type("BoundStationForm", (form,), {"user": request.user})

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        station_save(station=obj, user=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a station is unpublished, never removed with its history

    def save_related(self, request: HttpRequest, form: Any, formsets: Any,
                     change: bool) -> None:
        pass  # no related rows are edited here (claims are attached by review)


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ("key", "country", "action", "date", "actor")
    list_filter = ("action", "country")
