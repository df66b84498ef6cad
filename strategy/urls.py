from django.urls import path

from strategy import views

app_name = "strategy"
urlpatterns = [
    path("planer/<int:plan_pk>/roda-traden/redigera/", views.strategy_edit, name="edit"),
]
