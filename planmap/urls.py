"""The map and its milestones; fardplan.urls puts them in the "roadmap" namespace."""

from django.urls import path

from planmap import milestone_views, views

urlpatterns = [
    path("planer/<int:pk>/", views.plan_map, name="plan_map"),
    path(
        "planer/<int:plan_pk>/delmal/ny/", milestone_views.milestone_create, name="milestone_create"
    ),
    path("delmal/<int:pk>/redigera/", milestone_views.milestone_edit, name="milestone_edit"),
    path("delmal/<int:pk>/flytta/", milestone_views.milestone_move, name="milestone_move"),
    path("delmal/<int:pk>/orsak/", milestone_views.milestone_move_reason, name="milestone_reason"),
    path("delmal/<int:pk>/ta-bort/", milestone_views.milestone_delete, name="milestone_delete"),
]
