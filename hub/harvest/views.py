"""The harvest: one page for the learning team and officers across what partnerships have
said and shared, by theme and period, and a selection that starts a draft briefing."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from briefings.services import start_draft_from_harvest
from hub.core.services import ServiceError, apply_service_error
from hub.people import roles

from .forms import PERIODS, HarvestFilterForm, StartDraftForm
from .sources import harvest

DAYS_A_MONTH = 30.44


def _period(months):
    until = timezone.now()
    return until - timedelta(days=round(DAYS_A_MONTH * int(months))), until


@never_cache
@login_required
def harvest_view(request):
    """GET: the filtered harvest. POST: start a draft briefing from the ticked items (only
    items this person is shown now, under the same filters, can be taken)."""
    if not roles.is_programme_team(request.user):
        raise PermissionDenied("The harvest is for the learning team and programme officers.")
    data = request.POST if request.method == "POST" else request.GET
    filters = HarvestFilterForm(data)
    filters.is_valid()
    theme = filters.cleaned_data.get("theme")
    months = filters.cleaned_data.get("period") or PERIODS[0][0]
    since, until = _period(months)
    groups = harvest(request.user, since=since, until=until, theme=theme)

    by_key, index, shown = {}, 0, []
    for source, items in groups:
        rows = []
        for item in items:
            by_key[item.key] = item
            rows.append({"item": item, "index": index})
            index += 1
        shown.append({"source": source, "rows": rows})
    choices = [(key, key) for key in by_key]

    form = StartDraftForm(
        request.POST if request.method == "POST" else None,
        choices=choices,
        initial={"title": ""},
    )
    if request.method == "POST" and form.is_valid():
        chosen = [by_key[key] for key in form.cleaned_data["items"]]
        try:
            page = start_draft_from_harvest(
                form.cleaned_data["title"], theme, chosen, by=request.user
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, f"Draft briefing “{page.title}” started.")
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    selected = set(form.data.getlist("items")) if form.is_bound else set()
    return TemplateResponse(
        request,
        "harvest/harvest.html",
        {
            "filters": filters,
            "theme": theme,
            "months": months,
            "period_label": dict(PERIODS)[months],
            "groups": shown,
            "count": index,
            "form": form,
            "selected": selected,
        },
        status=400 if form.errors else 200,
    )
