"""The person's own data rights pages: download my data, close my account."""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hub.core import data_rights
from hub.core.services import ServiceError, apply_service_error
from hub.people.closing import close_account


class CloseAccountForm(forms.Form):
    contributions = forms.ChoiceField(
        label="What you posted in public and programme spaces",
        choices=[
            ("keep", "Keep it, shown as written by \u201ca former member\u201d"),
            ("remove", "Remove it"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to keep or remove what you posted."},
    )
    confirm = forms.BooleanField(
        label="I understand that closing my account cannot be undone",
        error_messages={"required": "Tick the box to say you understand this cannot be undone."},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_data(request):
    """GET: what the download holds. POST: the zip, built now and streamed (a person's data
    is small, so no task and no stored copy that would need deleting)."""
    if request.method == "POST":
        response = HttpResponse(data_rights.build_zip(request.user), content_type="application/zip")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="my-hub-data-{stamp}.zip"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return render(request, "people/my_data.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def close_my_account(request):
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            close_account(
                request.user, keep_contributions=form.cleaned_data["contributions"] == "keep"
            )
        except ServiceError as error:
            apply_service_error(form, error)
        else:
            logout(request)
            return redirect("people:account_closed")
    return render(request, "people/close_account.html", {"form": form})


def account_closed(request):
    return render(request, "people/account_closed.html")
