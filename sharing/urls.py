from django.urls import path

from sharing import views

app_name = "sharing"
urlpatterns = [
    path("planer/<int:pk>/delning/", views.share_links, name="share_links"),
    path(
        "planer/<int:pk>/delning/<int:link_pk>/aterkalla/",
        views.share_link_revoke,
        name="share_link_revoke",
    ),
    path("delad/<str:token>/", views.shared_plan, name="shared_plan"),
]
