from django.urls import path

from indicators import tree_views, views

app_name = "indicators"
urlpatterns = [
    path("planer/<int:plan_pk>/indikatorer/", views.plan_indicators, name="plan_indicators"),
    path("planer/<int:plan_pk>/indikatorer/ny/", views.indicator_create, name="create"),
    path("planer/<int:plan_pk>/roda-traden/", tree_views.plan_tree, name="plan_tree"),
    path("indikatorer/<int:pk>/", views.indicator_detail, name="detail"),
    path("indikatorer/<int:pk>/redigera/", views.indicator_edit, name="edit"),
    path("indikatorer/<int:pk>/varden/", views.indicator_values, name="values"),
    path("indikatorer/<int:pk>/ta-bort/", views.indicator_delete, name="delete"),
]
