from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running Färdplan as a service: health, request logs, login protection
    pages and plan backups. Sits above the domain apps and is imported by none."""

    name = "operations"
    verbose_name = _("Drift")

    def ready(self) -> None:
        from operations import signals  # noqa: F401 - connects the security log
