"""The project's URLs. The apps' URL lists are composed here into the two namespaces the
templates use ("roadmap" for plans, the map and review; "activities" for cards and imports),
so that an app never has to import the views of an app above it."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from activities.plan_import import urls as plan_import_urls
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
    # Open to visitors: the login page's language menu must work before login.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("aktiviteter/", include((activity_patterns, "activities"))),
    path("bemanning/", include("staffing.urls")),
    path("", include("indicators.urls")),
    path("", include("strategy.urls")),
    path("", include("activity_staffing.urls")),
    path("", include("rounds.urls")),
    path("", include((plan_patterns, "roadmap"))),
]
