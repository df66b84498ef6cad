from django.urls import path

from roadmap import views

app_name = "roadmap"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("planer/<int:pk>/", views.plan_map, name="plan_map"),
]
