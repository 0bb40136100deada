from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AtlasConfig(AppConfig):
    name = "stationwatch_web.atlas"
    label = "atlas"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from stationwatch_web.db.statistics import refresh_after_migrate

        # Sent by every `migrate` (even with nothing to apply); sender=self: once per run.
        post_migrate.connect(refresh_after_migrate, sender=self,
                             dispatch_uid="stationwatch-statistics")
