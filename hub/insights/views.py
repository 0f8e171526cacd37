import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render

from hub.insights.figures import charts
from hub.insights.forms import PeriodForm
from hub.people import roles
from hub.people.decorators import member_required
from hub.people.models import Partnership


def _team_only(request):
    if not roles.is_programme_team(request.user):
        raise PermissionDenied("Insights are for programme officers and facilitators.")


def _form(request):
    names = dict(Partnership.objects.order_by("name").values_list("pk", "name"))
    form = PeriodForm(request.GET, names)
    return form, names


def cache_seconds():
    """How long a period's figures are kept in the shared cache (0: worked out every time)."""
    return getattr(settings, "HUB_INSIGHTS_CACHE_SECONDS", 300)


def figures_for(window, partnership, names):
    """The charts for a period and partnership, kept for ``cache_seconds()`` in the shared
    cache under the period, the partnership and the partnerships' names: counts change
    slowly, and at 10x the data working them out is most of the page's time."""
    seconds = cache_seconds()
    if not seconds:
        return charts(window, partnership, names)
    named = hashlib.sha256(repr(sorted(names.items())).encode()).hexdigest()[:16]
    key = f"insights:v1:{window.first_day}:{window.last_day}:{partnership}:{named}"
    found = cache.get(key)
    if found is None:
        found = [chart.drawn() for chart in charts(window, partnership, names)]
        cache.set(key, found, seconds)
    return found


@member_required
def insights(request):
    _team_only(request)
    form, names = _form(request)
    found = []
    if form.is_valid():
        found = figures_for(form.window(), form.cleaned_data["partnership"], names)
    response = render(
        request,
        "insights/insights.html",
        {
            "form": form,
            "charts": found,
            "query": request.GET.urlencode(),
            "minutes_old": cache_seconds() // 60,
        },
        status=200 if form.is_valid() else 400,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def download(request, slug):
    _team_only(request)
    form, names = _form(request)
    if not form.is_valid():
        return render(request, "insights/insights.html", {"form": form, "charts": []}, status=400)
    for chart in figures_for(form.window(), form.cleaned_data["partnership"], names):
        if chart.slug == slug:
            window = form.window()
            response = HttpResponse(chart.csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="{slug}-{window.first_day}-to-{window.last_day}.csv"'
            )
            response["Cache-Control"] = "private, no-store"
            return response
    raise Http404("There is no such chart.")
