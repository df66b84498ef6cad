from django.urls import path

from rounds import views

app_name = "rounds"
urlpatterns = [
    path("mina-aktiviteter/", views.mine, name="mine"),
    path("planer/<int:pk>/omgangar/", views.plan_rounds, name="plan_rounds"),
    path("omgangar/<int:pk>/", views.round_detail, name="detail"),
    path("omgangar/<int:pk>/paminn/", views.round_reminders, name="remind"),
    path("omgangar/<int:pk>/signera/", views.sign, name="sign"),
    path("omgangar/<int:pk>/signerad/", views.signed, name="signed"),
    path("omgangar/<int:pk>/signerad.xlsx", views.signed_xlsx, name="signed_xlsx"),
    path("omgangar/<int:pk>/signerad.pptx", views.signed_pptx, name="signed_pptx"),
    path("svar/<int:pk>/", views.answer, name="answer"),
    path("svar/<int:pk>/oforandrad/", views.answer_unchanged, name="unchanged"),
]
