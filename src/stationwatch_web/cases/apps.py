from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "stationwatch_web.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"
