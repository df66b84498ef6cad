from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityStaffingConfig(AppConfig):
    name = "activity_staffing"
    verbose_name = _("Bemanning per aktivitet")
