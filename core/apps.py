from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Kärna"

    def ready(self) -> None:
        # Django 6.1's blank choice ("- Select an option -") has no Swedish
        # translation; Django lets an app's ready() replace it.
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = gettext_lazy("– Välj –")
