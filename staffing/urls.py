from django.urls import path

from staffing import import_views, views

app_name = "staffing"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:table>.xlsx", views.export_table, name="export"),
    path("export/<slug:table>.csv", views.export_table, {"fmt": "csv"}, name="export_csv"),
    path("import/", import_views.upload, name="import_upload"),
    path("import/jobb/<int:pk>/", import_views.import_job, name="import_job"),
    path("import/<str:sha256>/", import_views.preview, name="import_preview"),
    path("import/<str:sha256>/avbryt/", import_views.cancel, name="import_cancel"),
    path("importer/", views.batch_list, name="batch_list"),
    path("utan-basenhet/", views.unplaced_units, name="unplaced_units"),
    path("importer/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("importer/<int:pk>/fil/", views.batch_file, name="batch_file"),
]
