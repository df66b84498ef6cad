"""An activity's card views; fardplan.urls puts them in the "activities" namespace."""

from django.urls import path

from planmap import activity_views as views

urlpatterns = [
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("ny/<int:plan_pk>/", views.activity_create, name="create"),
    path("<int:pk>/redigera/", views.activity_edit, name="edit"),
    path("<int:pk>/flytta/", views.activity_move, name="move"),
    path("<int:pk>/orsak/", views.activity_move_reason, name="reason"),
    path("<int:pk>/ta-bort/", views.activity_delete, name="delete"),
    path("<int:pk>/historik/", views.activity_history, name="history"),
    path(
        "<int:pk>/historik/<int:history_id>/aterstall/",
        views.activity_restore,
        name="restore",
    ),
    path("borttagna/<int:plan_pk>/", views.plan_deleted, name="deleted"),
    path(
        "borttagna/<int:plan_pk>/<str:kind>/<int:history_id>/aterstall/",
        views.restore_deleted,
        name="restore_deleted",
    ),
]
