from django.urls import include, path

from roadmap import milestone_views, plan_views, views

app_name = "roadmap"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("planer/ny/", plan_views.plan_create, name="plan_create"),
    path("planer/<int:pk>/", views.plan_map, name="plan_map"),
    path("planer/<int:pk>/installningar/", plan_views.plan_settings, name="plan_settings"),
    path("planer/<int:pk>/", include("roadmap.review_urls")),
    path(
        "planer/<int:plan_pk>/delmal/ny/", milestone_views.milestone_create, name="milestone_create"
    ),
    path("delmal/<int:pk>/redigera/", milestone_views.milestone_edit, name="milestone_edit"),
    path("delmal/<int:pk>/flytta/", milestone_views.milestone_move, name="milestone_move"),
    path("delmal/<int:pk>/orsak/", milestone_views.milestone_move_reason, name="milestone_reason"),
    path("delmal/<int:pk>/ta-bort/", milestone_views.milestone_delete, name="milestone_delete"),
]
