"""stationwatch_web: the Django application, thin over the ``stationwatch`` core."""
