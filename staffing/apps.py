from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Bemanning")

    def ready(self) -> None:
        from staffing import signals  # noqa: F401  (connects the receivers)
