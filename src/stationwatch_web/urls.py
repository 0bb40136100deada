from django.contrib import admin
from django.urls import path

from stationwatch_web.atlas import views

urlpatterns = [
    path("", views.home, name="home"),
    path("map-data.json", views.map_data, name="map-data"),
    path("stations/", views.station_list, name="station-list"),
    path("stations/<slug:key>/", views.station_detail, name="station-detail"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    path("admin/", admin.site.urls),
]
