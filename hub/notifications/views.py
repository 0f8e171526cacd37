"""The notification centre: the list, opening one, marking read, choices, announcements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hub.notifications import announcements, services
from hub.notifications.context_processors import bell_count
from hub.notifications.forms import AnnouncementForm, PreferencesForm
from hub.notifications.models import Announcement, Notification
from hub.people.decorators import member_required, officer_required

PAGE_SIZE = 20


@login_required
def notification_list(request):
    """Newest first, a page at a time; unread ones say so in words."""
    mine = Notification.objects.visible_to(request.user).select_related("actor")
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    items = services.present(page.object_list, request.user)
    unread = bell_count(request)  # the header's bell reuses this count
    return render(
        request, "notifications/list.html", {"items": items, "page_obj": page, "unread": unread}
    )


def _mine(request, pk):
    return get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)


@login_required
def open_notification(request, pk):
    """Follow a notification to the thing itself (marking it read); if it is no longer
    there for this person, back to the list, which says so."""
    url = services.open_notification(_mine(request, pk), request.user)
    if url:
        return redirect(url)
    messages.info(request, services.UNAVAILABLE)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request, pk):
    services.mark_read(_mine(request, pk), request.user)
    messages.success(request, "Marked as read.")
    return redirect(_back(request))


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    messages.success(
        request, "All your notifications are marked as read." if count else "Nothing was unread."
    )
    return redirect(_back(request))


def _back(request):
    page = request.POST.get("page", "")
    url = reverse("notifications:list")
    return f"{url}?page={page}" if page.isdigit() else url


@login_required
def preferences(request):
    choices = services.choices_of(request.user)
    form = PreferencesForm(request.POST or None, choices=choices)
    if request.method == "POST":
        if form.is_valid():
            services.set_choices(request.user, form.cleaned_data)
            messages.success(request, "Your choices are saved.")
            return redirect("notifications:preferences")
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    return render(request, "notifications/preferences.html", {"form": form})


@officer_required
def announce(request):
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            announcement = announcements.announce(by=request.user, **form.cleaned_data)
            messages.success(request, "Your announcement is in people's notifications.")
            return redirect("notifications:announcement", pk=announcement.pk)
        return render(request, "notifications/announce.html", {"form": form}, status=400)
    return render(request, "notifications/announce.html", {"form": form})


@member_required
def announcement(request, pk):
    item = get_object_or_404(Announcement.objects.visible_to(request.user), pk=pk)
    return render(request, "notifications/announcement.html", {"announcement": item})
