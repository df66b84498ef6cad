"""Review before a meeting, under planer/<pk>/ in the "roadmap" namespace (fardplan.urls)."""

from django.urls import path

from review import views

urlpatterns = [
    path("uppfoljning/", views.review, name="review"),
    path("uppfoljning/las-laget/", views.snapshot_create, name="snapshot_create"),
    path("andringar/", views.changes, name="changes"),
    path("aktuellt-lage/", views.report, name="report"),
    path("aktuellt-lage.xlsx", views.report_excel, name="report_xlsx"),
    path("aktuellt-lage.pptx", views.report_powerpoint, name="report_pptx"),
    path("tidslinje/", views.timeline, name="timeline"),
    path("moten/<int:meeting_pk>/", views.meeting_agenda, name="meeting_agenda"),
]
