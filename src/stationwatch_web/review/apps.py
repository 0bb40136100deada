from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "stationwatch_web.review"
    label = "review"
    verbose_name = "Review"
