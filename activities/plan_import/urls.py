"""Included by fardplan.urls under "aktiviteter/importera/", in the "activities" namespace."""

from django.urls import path, re_path

from activities.plan_import import views

DIGEST = r"(?P<digest>[0-9a-f]{64})"

urlpatterns = [
    path("", views.plan_import, name="plan_import"),
    re_path(rf"^{DIGEST}/$", views.plan_import_preview, name="plan_import_preview"),
    re_path(rf"^{DIGEST}/avbryt/$", views.plan_import_cancel, name="plan_import_cancel"),
]
