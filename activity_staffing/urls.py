from django.urls import path

from activity_staffing import views

app_name = "activity_staffing"
urlpatterns = [
    path("aktiviteter/<int:pk>/bemanning/", views.activity_staffing, name="activity"),
    path("aktiviteter/<int:pk>/bemanning/enheter/", views.activity_staffing_edit, name="edit"),
]
