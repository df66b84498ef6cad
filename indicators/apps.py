from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indikatorer")

    def ready(self) -> None:
        from indicators.signals import keep_indicator_values
        from roadmap.models import Snapshot

        post_save.connect(keep_indicator_values, sender=Snapshot, dispatch_uid="indicator_values")
