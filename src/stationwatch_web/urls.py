from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from stationwatch_web.api import api
from stationwatch_web.atlas import views
from stationwatch_web.evidence import views as evidence_views
from stationwatch_web.publish import views as publish_views
from stationwatch_web.review import views as review_views

# The admin signs in through the same login as the app: its second factor cannot be skipped.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

# The pages people read, in every language: /zh-hans/stations/x/ is the Chinese page, and the
# unprefixed /stations/x/ the English one. The data files, the API, the admin and the sign-in
# pages (whose paths other code checks) stay unprefixed.
urlpatterns = i18n_patterns(
    path("", views.home, name="home"),
    path("map-data.json", views.map_data, name="map-data"),
    path("timeline.json", views.timeline_data, name="timeline-data"),
    path("stations/", views.station_list, name="station-list"),
    path("stations/<slug:key>/", views.station_detail, name="station-detail"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    path("bureaus/", views.bureau_list, name="bureau-list"),
    path("bureaus/<str:key>/", views.bureau_detail, name="bureau-detail"),
    path("statistics/", views.statistics, name="statistics"),
    path("exports/", publish_views.exports_page, name="exports"),
    path("releases/", publish_views.releases, name="releases"),
    path("search/", views.search, name="atlas-search"),
    path("search/documents/", evidence_views.search, name="search"),
    path("review/", review_views.queue, name="review-queue"),
    path("review/group/", review_views.group, name="review-group"),
    path("review/claims/<int:pk>/", review_views.claim_detail, name="review-claim"),
    path("ingest/", evidence_views.jobs, name="jobs"),
    path("ingest/upload/", evidence_views.upload, name="ingest-upload"),
    path("ingest/capture/", evidence_views.capture, name="ingest-capture"),
    path("ingest/feed/", evidence_views.feed, name="ingest-feed"),
    path("ingest/jobs/<int:pk>/", evidence_views.job_detail, name="job-detail"),
    prefix_default_language=False,
) + [
    path("exports/<str:name>", views.export, name="export"),
    path("releases/<str:version>/<path:path>", publish_views.release_file, name="release-file"),
    path("api/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

# A server error page in the site's frame, rendered without touching the database.
handler500 = "stationwatch_web.atlas.views.server_error"
