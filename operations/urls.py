from django.urls import path

from operations import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Ahead of django.contrib.auth.urls, so this one answers /konto/password_reset/.
    path("konto/password_reset/", views.password_reset, name="password_reset"),
]
