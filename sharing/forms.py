from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmap.models import Plan, Snapshot

MAX_DAYS = 366


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Benämning"),
        max_length=200,
        help_text=_("Vem eller vad länken är till, t.ex. ”HSN-ledamöter, mötet 24 april”."),
    )
    snapshot = forms.ModelChoiceField(
        label=_("Visar"),
        queryset=Snapshot.objects.none(),
        required=False,
        empty_label=_("Planen som den är just nu (levande)"),
    )
    expires_on = forms.DateField(
        label=_("Gäller till och med"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["snapshot"].queryset = Snapshot.objects.for_plan(plan).listing().latest_first()
        if not self.is_bound:
            self.initial["expires_on"] = timezone.localdate() + dt.timedelta(days=30)

    def clean_expires_on(self) -> dt.date:
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(
                _("%(day)s har redan passerat; välj dagens datum eller senare.")
                % {"day": day.isoformat()}
            )
        if day > today + dt.timedelta(days=MAX_DAYS):
            raise forms.ValidationError(
                _("En länk kan gälla högst ett år, till %(last)s.")
                % {"last": (today + dt.timedelta(days=MAX_DAYS)).isoformat()}
            )
        return day
