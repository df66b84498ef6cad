from django.urls import path, re_path

from indicators import import_views, tree_views, views

app_name = "indicators"
urlpatterns = [
    path("planer/<int:plan_pk>/indikatorer/", views.plan_indicators, name="plan_indicators"),
    path("planer/<int:plan_pk>/indikatorer/ny/", views.indicator_create, name="create"),
    path("planer/<int:plan_pk>/roda-traden/", tree_views.plan_tree, name="plan_tree"),
    path(
        "planer/<int:plan_pk>/indikatorer/importera/",
        import_views.series_upload,
        name="series_upload",
    ),
    re_path(
        r"^planer/(?P<plan_pk>\d+)/indikatorer/importera/(?P<digest>[0-9a-f]{64})/$",
        import_views.series_preview_view,
        name="series_preview",
    ),
    re_path(
        r"^planer/(?P<plan_pk>\d+)/indikatorer/importera/(?P<digest>[0-9a-f]{64})/avbryt/$",
        import_views.series_cancel,
        name="series_cancel",
    ),
    path("indikatorer/<int:pk>/", views.indicator_detail, name="detail"),
    path("indikatorer/<int:pk>/redigera/", views.indicator_edit, name="edit"),
    path("indikatorer/<int:pk>/varden/", views.indicator_values, name="values"),
    path("indikatorer/<int:pk>/ta-bort/", views.indicator_delete, name="delete"),
]
