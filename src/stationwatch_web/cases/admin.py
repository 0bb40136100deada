from django.contrib import admin

from .models import Case


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("code", "country", "bureau", "outcome")
    list_filter = ("outcome", "country")
