"""Personal tokens for the data feeds (Power BI) and the meetings calendar."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import part_of
from sharing.models import IssuedToken


class ApiTokenQuerySet(models.QuerySet):
    def of(self, user) -> ApiTokenQuerySet:
        return self.filter(user=user).order_by("-created_at", "-pk")

    def usable(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(IssuedToken):
    user = part_of(settings.AUTH_USER_MODEL, _("användare"), related_name="api_tokens")
    label = models.CharField(_("benämning"), max_length=100)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta(IssuedToken.Meta):
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def record_use(self) -> None:
        """At most once a minute: a Power BI refresh reads many pages."""
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now
