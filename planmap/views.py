from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.http import HtmxHttpRequest, fragment
from planmap.map_filters import MapFilterForm
from planmap.scales import SCALES, parse_scale
from planmap.since import since_context
from planmap.strategic_map import build_map
from roadmap.models import Plan


@never_cache  # Back must show the map as it is now, not as it was
@require_GET
def plan_map(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    form = MapFilterForm(request.GET or None, plan=plan, auto_id="filter_%s")
    if request.GET and not form.is_valid():
        messages.warning(
            request,
            _("Filtret i adressen kunde inte tolkas (%(fields)s); hela kartan visas.")
            % {"fields": ", ".join(str(form.fields[f].label) for f in form.errors)},
        )
    scale = parse_scale(request.GET, plan.first_year, plan.last_year)
    strategic_map = build_map(plan, form, scale)
    context = {
        "plan": plan,
        "map": strategic_map,
        "filter_form": form,
        "scale_choices": scale_choices(),
        "today": timezone.localdate(),
        "dependencies": strategic_map.dependencies,  # as text beside the map (issue 12)
    }
    context.update(since_context(request, plan))  # the "sedan HSN 24/4" toggle (issue 5)
    return render(request, fragment(request, "roadmap/plan_map.html", "map-body"), context)


def scale_choices() -> list[tuple[str, str]]:
    labels = {"plan": _("Hela planen"), "quarters": _("Kvartal"), "year": _("Ett år")}
    return [(name, labels[name]) for name in SCALES]
