from django.apps import AppConfig


class PlanmapConfig(AppConfig):
    name = "planmap"
    verbose_name = "Strategisk karta"
