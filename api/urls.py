"""Pages people use to manage their tokens and read the feeds' documentation
(the feeds themselves are mounted at /api/ by fardplan.urls)."""

from django.urls import path

from api import views

app_name = "feeds"
urlpatterns = [
    path("api/dokumentation/", views.api_docs, name="docs"),
    path("konto/api-nycklar/", views.api_tokens, name="tokens"),
    path("konto/api-nycklar/<int:token_pk>/aterkalla/", views.api_token_revoke, name="revoke"),
    path("kalender/<str:token>/planer/<int:pk>.ics", views.meeting_calendar, name="calendar"),
]
