from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Strategisk karta")

    def ready(self) -> None:
        from roadmap.permissions import grant_role_permissions

        # Model permissions exist only after post_migrate, so they are granted here.
        post_migrate.connect(grant_role_permissions, dispatch_uid="fardplan_role_perms")
