from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from stationwatch_web.atlas import views
from stationwatch_web.evidence import views as evidence_views

urlpatterns = [
    path("", views.home, name="home"),
    path("map-data.json", views.map_data, name="map-data"),
    path("stations/", views.station_list, name="station-list"),
    path("stations/<slug:key>/", views.station_detail, name="station-detail"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    path("ingest/", evidence_views.jobs, name="jobs"),
    path("ingest/upload/", evidence_views.upload, name="ingest-upload"),
    path("ingest/capture/", evidence_views.capture, name="ingest-capture"),
    path("ingest/feed/", evidence_views.feed, name="ingest-feed"),
    path("ingest/jobs/<int:pk>/", evidence_views.job_detail, name="job-detail"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
