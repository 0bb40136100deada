from django.contrib import admin

from .models import Bureau, Response, Station


@admin.register(Bureau)
class BureauAdmin(admin.ModelAdmin):
    list_display = ("key", "name_en", "name_zh", "level", "parent")


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("key", "country", "city", "bureau", "status", "published")
    list_filter = ("status", "published", "country", "bureau")
    search_fields = ("key", "city", "location_label")
    raw_id_fields = ("claims",)


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("key", "country", "action", "date", "actor")
    list_filter = ("action", "country")
    raw_id_fields = ("claims",)
