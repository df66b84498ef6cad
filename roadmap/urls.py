"""The plan app's own pages; fardplan.urls puts them in the "roadmap" namespace."""

from django.urls import path

from roadmap import plan_views

urlpatterns = [
    path("", plan_views.plan_list, name="plan_list"),
    path("planer/ny/", plan_views.plan_create, name="plan_create"),
    path("planer/<int:pk>/installningar/", plan_views.plan_settings, name="plan_settings"),
]
