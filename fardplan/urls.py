"""The project's URLs. The apps' URL lists are composed here into the two namespaces the
templates use ("roadmap" for plans, the map and review; "activities" for cards and imports),
so that an app never has to import the views of an app above it."""

from django.contrib import admin
from django.urls import include, path

from activities.plan_import import urls as plan_import_urls
from api.api import ninja_urls
from planmap import activity_urls
from planmap import urls as planmap_urls
from review import urls as review_urls
from roadmap import urls as roadmap_urls

activity_patterns = [
    *activity_urls.urlpatterns,
    path("importera/", include(plan_import_urls)),
]
plan_patterns = [
    *roadmap_urls.urlpatterns,
    *planmap_urls.urlpatterns,
    path("planer/<int:pk>/", include(review_urls)),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("aktiviteter/", include((activity_patterns, "activities"))),
    path("bemanning/", include("staffing.urls")),
    path("", include("sharing.urls")),
    path("api/", ninja_urls()),
    path("", include("api.urls")),
    path("", include((plan_patterns, "roadmap"))),
]
